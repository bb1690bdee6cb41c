"""Profile the in-process paths with pyinstrument: `python -m bench.profile [--database URL] route|desk`.

Reads only; the default database is `make run`'s (which has an active model after `make setup`).
Needs the `bench` extra: `pip install -e '.[bench]'`. For a running gunicorn worker use py-spy
instead: `py-spy record -p <worker pid> -d 10 -o profile.svg` while `make bench` or wrk loads it.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from pyinstrument import Profiler

from bench import corpus, inprocess
from directory.db import Database
from router.policy import route

INSTANCE_DB = Path(__file__).resolve().parent.parent / "instance" / "vejviser.db"


def _route(url: str, count: int) -> None:
    db = Database.connect(url)
    model = inprocess.load_model(db)
    items = corpus.inquiries(count)
    for item in items[:inprocess.WARM_UP]:
        with db.reader() as session:
            route(session, item.text, item.cvr, model=model)
    with Profiler(interval=0.0002) as profiler:
        for item in items:
            with db.reader() as session:
                route(session, item.text, item.cvr, model=model)
    profiler.print(show_all=False)


def _desk(url: str, count: int) -> None:
    from web import create_app
    from web.database import database
    from web.desk_search import search_staff

    queries = inprocess.desk_queries(Database.connect(url), count)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "profile"})
    with app.app_context():
        with database().reader() as session:
            search_staff(session, "")
        with Profiler(interval=0.0002) as profiler:
            for query in queries:
                with database().reader() as session:
                    search_staff(session, query)
    profiler.print(show_all=False)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("path", choices=("route", "desk"))
    parser.add_argument("--database", default=f"sqlite:///{INSTANCE_DB}")
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    (_route if args.path == "route" else _desk)(args.database, args.count)


if __name__ == "__main__":
    main()

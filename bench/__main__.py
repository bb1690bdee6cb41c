"""`make bench`: measure on this machine, print one table and write it to bench/results.md."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import corpus, databases, figures, http, inprocess, load, machine, report
from directory.db import Database
from seeds.demo import seed_database

RESULTS = Path(__file__).resolve().parent / "results.md"


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Run:
    """One benchmark run in a scratch folder: its databases, inquiries and figures."""

    def __init__(self, workdir: Path, args: argparse.Namespace):
        self.workdir, self.args = workdir, args
        self.items = corpus.inquiries(args.inquiries)
        self.demo = workdir / "demo.db"
        self.large = workdir / "large.db"
        self.rows: list[report.Row] = []
        self.notes: list[str] = []
        self.extra: dict[str, str] = {}
        self.memory: list[http.Memory] = []

    def prepare(self) -> None:
        """Seed the demo database, train on the seeds (timed), and grow the 1,000-staff copy."""
        for old in self.workdir.glob("*.db*"):
            old.unlink()  # a kept folder from an earlier run
        progress("seeding the demo municipality")
        seed_database(f"sqlite:///{self.demo}")
        progress("training on the seeds (5-fold cross-validation, then the final model)")
        self.training = databases.train(f"sqlite:///{self.demo}")
        databases.install(f"sqlite:///{self.demo}", self.training)
        figures_cv = self.training.candidate.validation.report
        self.rows.append(report.Row("training", "train on the seeds (gather, 5-fold CV, final fit)",
                                    f"{self.training.seconds:.1f} s"))
        self.rows.append(report.Row("training", "cross-validated accuracy",
                                    f"top-1 {figures_cv.top1:.3f}, top-3 {figures_cv.top3:.3f}, department "
                                    f"{figures_cv.department:.3f}, auto-routed precision "
                                    f"{figures_cv.auto_precision:.3f} (n={figures_cv.examples})"))
        progress("growing the synthetic directory: 1,000 staff, 100 topics, 100,000 past inquiries")
        started = time.perf_counter()
        databases.grow(self.demo, self.large)
        self.notes.append(f"The synthetic directory took {time.perf_counter() - started:.0f} s to build.")

    def in_process(self) -> None:
        """Classify and route every inquiry at both sizes; look up staff at both sizes."""
        demo_db, large_db = Database.connect(f"sqlite:///{self.demo}"), Database.connect(f"sqlite:///{self.large}")
        model = inprocess.load_model(demo_db)
        progress(f"in-process: classify and route {len(self.items)} inquiries at both sizes")
        classify = inprocess.classify_latency(model, self.items)
        routed = inprocess.route_latency({"demo": demo_db, "large": large_db}, model, self.items)
        self.rows += figures.in_process(classify, routed["demo"], routed["large"])
        progress("in-process: front-desk look-up at both sizes")
        demo_desk = inprocess.desk_latency(f"sqlite:///{self.demo}", self.workdir / "i1",
                                           inprocess.desk_queries(demo_db))
        large_desk = inprocess.desk_latency(f"sqlite:///{self.large}", self.workdir / "i2",
                                            inprocess.desk_queries(large_db))
        self.rows += figures.desk(*demo_desk, *large_desk)
        demo_db.engine.dispose()
        large_db.engine.dispose()

    def _bodies(self) -> tuple[Path, Path]:
        paths = self.workdir / "route.jsonl", self.workdir / "submit.jsonl"
        for path, submit in zip(paths, (False, True)):
            path.write_text("\n".join(corpus.request_bodies(self.items, submit=submit)) + "\n", encoding="utf-8")
        return paths

    def over_http(self) -> None:
        """Route against healthz in one server run, then submissions on SQLite and PostgreSQL."""
        route_bodies, submit_bodies = self._bodies()
        seconds, log = self.args.seconds, self.workdir / "gunicorn.log"
        copy = self.workdir / "http.db"
        shutil.copyfile(self.demo, copy)
        progress(f"HTTP: healthz and route, {seconds} s each, under gunicorn with {http.server.workers()} workers")
        run = http.route_run(f"sqlite:///{copy}", route_bodies, log, seconds)
        self.rows += figures.route_http(run)
        self.memory.append(run.memory)
        progress(f"HTTP: submissions on SQLite, {seconds} s")
        submit_db = self.workdir / "submit.db"
        shutil.copyfile(self.demo, submit_db)
        databases.make_room(f"sqlite:///{submit_db}")
        sqlite_run = http.submit_run(f"sqlite:///{submit_db}", route_bodies, submit_bodies, log, seconds)
        self.rows += figures.submit_http("SQLite", sqlite_run)
        self.memory.append(sqlite_run.memory)
        self._postgres(route_bodies, submit_bodies, log)

    def _postgres(self, route_bodies: Path, submit_bodies: Path, log: Path) -> None:
        problem = databases.postgres_problem()
        if problem:
            self.rows += figures.submit_http("PostgreSQL", None, problem)
            return
        self.extra["PostgreSQL"] = databases.postgres_version()
        progress(f"HTTP: submissions on a fresh PostgreSQL database, {self.args.seconds} s")
        with databases.fresh_postgres() as url:
            seed_database(url)
            databases.install(url, self.training)
            databases.make_room(url)
            run = http.submit_run(url, route_bodies, submit_bodies, log, self.args.seconds)
        self.rows += figures.submit_http("PostgreSQL", run)
        self.memory.append(run.memory)

    def finish(self) -> None:
        """Add the memory row and the notes on method."""
        if self.memory:
            self.rows.append(figures.memory(self.memory))
        self.extra["wrk"] = load.wrk_version()
        self.notes += NOTES


NOTES = [
    "In-process figures: the same varied inquiries (about half short notes, half long e-mails made from "
    "the seed examples: shuffled sentences, a second example of the topic, greetings, signatures with "
    "phone and CVR, disclaimers, quoted replies), after a 20-call warm-up; `route` includes `classify` and "
    "opens a fresh read session per inquiry, as a request does; the two directories take turns inquiry "
    "by inquiry, so load from other processes on a shared machine weighs on both alike. Targets are "
    "on elapsed time; the CPU time of the same calls is shown beside it because other processes on a "
    "shared machine stretch elapsed time (most of all its p99) but hardly CPU time.",
    "HTTP figures: gunicorn started as `make run` starts it (`gunicorn.conf.py`: preloaded app with the "
    "model loaded before the workers fork, redacting access log; 2 x cores + 1 workers), "
    "`VEJVISER_ENV=production` with a random secret and the public rate limit raised (limits in the "
    "storage `VEJVISER_RATELIMIT_STORAGE` names, memory by default); wrk (2 threads, 16 connections) runs "
    "in its own process on loopback after 3 s of routes to warm every worker. 'Server CPU' is the "
    "workers' and master's CPU time during the run divided by the requests: other processes sharing the "
    "cores move it much less than requests per second.",
    "Submissions: every staff member gets room for 100,000 open inquiries, so each submission is "
    "routed to a person; the stored count is read after gunicorn has stopped. wrk stops with requests "
    "in flight: those are stored but never counted as answered, hence 'more in flight'.",
    "Memory: VmHWM (peak resident set) of each gunicorn worker from /proc after its load, the largest "
    "reported; it counts the pages a worker shares with the master and the other workers (the model's "
    "arrays), which PSS splits between them.",
]


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--inquiries", type=int, default=2400, help="varied inquiries for in-process figures")
    parser.add_argument("--seconds", type=int, default=10, help="length of each HTTP load run")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP figures")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the results page")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (databases, gunicorn log)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="vejviser-bench-") as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        run = Run(workdir, args)
        run.prepare()
        run.in_process()
        if not args.no_http:
            run.over_http()
        run.finish()
    details = machine.describe(run.extra)
    print(report.table(run.rows))
    report.write(args.output, run.rows, details, run.notes)
    progress(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

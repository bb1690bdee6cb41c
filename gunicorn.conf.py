"""Gunicorn's production settings, used by `make run` and `make bench` (`gunicorn -c gunicorn.conf.py`).

The bind address and worker count come from the command line (`make run` passes both).
"""
import gc
import os

workers = min(2 * (os.cpu_count() or 1) + 1, 9)
preload_app = True
graceful_timeout = 5
accesslog = "-"
# Status links are bearer secrets in the path: the access log writes them redacted (web/access_log.py).
logger_class = "web.access_log.RedactingLogger"


def when_ready(server):
    """Load the active model once in the master, before the workers fork.

    Every worker then starts with it (the numeric arrays stay shared, copy-on-write) instead of each
    spending seconds and a peak of memory loading its own on its first inquiry; each still reloads
    when another version is activated. No database connection may cross the fork.
    """
    from web.model_registry import EXTENSION

    app = server.app.wsgi()
    with app.app_context():
        app.extensions[EXTENSION].current()
    app.extensions["vejviser.db"].engine.dispose()
    # Leave everything loaded so far (the model's vocabularies above all) out of the workers' garbage
    # collections: a collection touches every object it scans, and each touched page becomes a private
    # copy in that worker.
    gc.freeze()

"""Classifier commands: `flask --app wsgi train | evaluate | classify | ensure-model`."""
from __future__ import annotations

import os
import time
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from classifier import retraining, versions
from classifier.artifact import ArtifactRefused
from classifier.evaluation import evaluate as evaluate_model
from classifier.examples import SEED_DIR, read_jsonl
from classifier.model import Model
from classifier.report_text import report_lines
from classifier.store import ModelVersion
from web.database import database


def _echo_progress(message: str) -> None:
    click.echo(f"  … {message}")


def _train(seed_dir: Path, force: bool) -> tuple[ModelVersion, bool]:
    started = time.perf_counter()
    with database().reader() as session:
        data = retraining.gather(session, seed_dir)
    corrections = sum(ex.source.startswith("correction") for ex in data.examples)
    click.echo(f"training on {len(data.examples)} examples ({corrections} from corrections) "
               f"over {len(data.topics)} topics")
    # The command line has the machine to itself: a fold per core (retraining from the web page uses one,
    # leaving the others to serve inquiries).
    candidate = retraining.build_candidate(data, jobs=os.cpu_count() or 1, progress=_echo_progress)
    for line in report_lines(candidate.validation.report, "cross-validation (5 folds)"):
        click.echo(line)
    comparison = candidate.comparison
    click.echo(f"compared on {comparison['basis']}: {comparison['reason']}")
    with database().writer() as session:
        version, activated = retraining.record(session, candidate, force=force)
        session.commit()
    click.echo(f"trained in {time.perf_counter() - started:.1f} s")
    return version, activated


@click.command("train")
@with_appcontext
@click.option("--force", is_flag=True, help="Activate the new version even if it is worse.")
@click.option("--seeds", "seed_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=SEED_DIR, show_default=False, help="Folder of seed *.jsonl files (default: seeds/training).")
def train(force: bool, seed_dir: Path) -> None:
    """Train on the seeds and corrections, cross-validate, store a new version, activate it if not worse."""
    version, activated = _train(seed_dir, force)
    state = "activated" if activated else "stored but NOT activated (use --force to activate anyway)"
    click.echo(f"model version {version.id} {state}")


def _load(version_id: int | None) -> Model:
    with database().reader() as session:
        row = session.get(ModelVersion, version_id) if version_id else versions.active_version(
            session, with_artifact=True)
        if row is None:
            raise click.ClickException("no such model version" if version_id else
                                       "no model is active: run `flask --app wsgi train` first")
        try:
            return versions.load(row)
        except ArtifactRefused as exc:
            raise click.ClickException(str(exc)) from exc


@click.command("evaluate")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--version", "version_id", type=int, help="Model version (default: the active one).")
def evaluate(file: Path, version_id: int | None) -> None:
    """Report how the model does on FILE, JSON lines of {"text": ..., "topics": [primary, ...]}."""
    model = _load(version_id)
    try:
        examples = read_jsonl(file)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"evaluating model version {model.version} on {len(examples)} inquiries from {file}")
    for line in report_lines(evaluate_model(model, examples), file.name):
        click.echo(line)


@click.command("classify")
@with_appcontext
@click.argument("text")
@click.option("--language", type=click.Choice(["da", "en"]), help="Language of the explanation.")
def classify(text: str, language: str | None) -> None:
    """Show the ranked topics, team, review flag and explanation for TEXT."""
    model = _load(None)
    prediction = model.classify(text, language)
    for rank, scored in enumerate(prediction.topics, start=1):
        click.echo(f"{rank}. {scored.topic:<28}{scored.score:6.3f}  {model.department_of(scored.topic)}")
    click.echo(f"team: {', '.join(prediction.team) or '-'}")
    click.echo(f"needs review: {'yes' if prediction.needs_review else 'no'}")
    click.echo(f"words: {', '.join(prediction.terms) or '-'}")
    click.echo(prediction.reason)


@click.command("ensure-model")
@with_appcontext
def ensure_model() -> None:
    """Train and activate a model if none is active (used by `make run`)."""
    with database().reader() as session:
        active_id = versions.active_version_id(session)
    if active_id is not None:
        click.echo(f"model version {active_id} is active")
        return
    version, _ = _train(SEED_DIR, force=True)
    click.echo(f"model version {version.id} activated")


def init_app(app: Flask) -> None:
    """Register the commands."""
    for command in (train, evaluate, classify, ensure_model):
        app.cli.add_command(command)

"""Danish by default, English at a click; the choice is kept in the session and in `g.language`."""
from __future__ import annotations

import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Blueprint, abort, g, redirect, request, session, url_for

from web.login import safe_next

LANGUAGES = {"da": "Dansk", "en": "English"}
TRANSLATIONS = Path(__file__).resolve().parent / "translations"  # Flask-Babel's default directory

bp = Blueprint("language", __name__)


@bp.before_app_request
def choose_language() -> None:
    """Use the language the visitor chose, else Danish (a Danish municipality's own language)."""
    chosen = session.get("language")
    g.language = chosen if chosen in LANGUAGES else "da"


@bp.get("/sprog/<code>")
def switch(code: str):
    """Remember the chosen language and go back to the page the visitor was on."""
    if code not in LANGUAGES:
        abort(404)
    session["language"] = code
    return redirect(safe_next(request.args.get("next")) or url_for("public.inquiry_form"))


@bp.app_context_processor
def language_switch() -> dict[str, str]:
    """Offer the other language, linking back to the current page."""
    current = g.get("language", "da")
    other = "en" if current == "da" else "da"
    here = request.full_path.rstrip("?") if request.method == "GET" else request.path
    return {"other_language": other, "other_language_name": LANGUAGES[other],
            "switch_language_url": url_for("language.switch", code=other, next=here)}


def compile_catalogs(directory: Path = TRANSLATIONS) -> list[Path]:
    """Compile each messages.po whose messages.mo is missing or older; return the ones written."""
    written = []
    for po in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parents[1].name)
        partial = mo.with_name(f"messages.{os.getpid()}.tmp")  # parallel test workers may compile at once
        with partial.open("wb") as fh:
            write_mo(fh, catalog)
        os.replace(partial, mo)
        written.append(mo)
    return written

"""Danish by default, English at a click: every user-facing string has its English translation."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "web" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def extracted() -> set:
    with (TRANSLATIONS / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    return {message for _f, _l, message, _c, _ctx in
            extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords)}


@pytest.fixture(scope="module")
def catalogue():
    with (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale="en")


def test_every_string_in_the_code_and_templates_has_an_english_translation(catalogue):
    missing = []
    for message in extracted():
        entry = catalogue.get(message)
        strings = entry.string if entry else None
        if not entry or not all(strings if isinstance(strings, tuple) else (strings,)) or entry.fuzzy:
            missing.append(message)
    assert not missing, f"untranslated (run `make translations` and translate): {missing}"


def test_translations_keep_every_placeholder(catalogue):
    for entry in catalogue:
        if not entry.id:
            continue
        source = entry.id[0] if isinstance(entry.id, tuple) else entry.id
        for translated in (entry.string if isinstance(entry.string, tuple) else (entry.string,)):
            assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(translated)), source


@pytest.mark.parametrize("path,danish,english", [
    ("/", "Send henvendelsen", "Send the inquiry"),
    ("/login", "Log ind for medarbejdere", "Staff login"),
    ("/tilgaengelighed", "Tilgængelighedserklæring for Vejviser", "Accessibility statement for Vejviser"),
    ("/no-such-page", "Siden findes ikke", "Page not found"),
])
def test_pages_switch_language_and_mark_it(client, path, danish, english):
    html = client.get(path).get_data(as_text=True)
    assert danish in html and 'lang="da"' in html and 'hreflang="en"' in html
    client.get("/sprog/en")
    html = client.get(path).get_data(as_text=True)
    assert english in html and '<html lang="en">' in html and 'hreflang="da"' in html
    assert danish not in html


def test_staff_pages_and_dates_follow_the_language(client, login):
    client.get("/sprog/en")
    login("section_leader")
    html = client.get("/directory/absences").get_data(as_text=True)
    assert "Who is away in week" in html and "Record an absence" in html
    assert re.search(r"(January|February|March|April|May|June|July|August|September|October|November|December)", html)

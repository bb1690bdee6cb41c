"""Hostile markup for the XSS tests, and a check that a page kept it inert (used by the page tests and
the browser test alike)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

PAYLOADS = (
    "<script>window.__xss=1</script>",
    "\"><script>alert('xss')</script>",
    "'><img src=x onerror=\"window.__xss=1\">",
    "<svg onload=alert(1)>",
    "<svg><script>window.__xss=1</script></svg>",
    "<a href=\"javascript:window.__xss=1\">klik her</a>",
    "javascript:window.__xss=1",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<body onload=alert(1)>",
    "<scr<script>ipt>window.__xss=1</script>",
    "</textarea><script>window.__xss=1</script>",
    "</title></style><script>window.__xss=1</script>",
    "<img src=\"x\" onerror=window.__xss=1//",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<details open ontoggle=window.__xss=1>",
    "{{ 7*7 }} {% raw %}${7*7}",
    "&lt;script&gt;window.__xss=1&lt;/script&gt; &#60;b&#62;",
    "]]><!--<script>window.__xss=1</script>-->",
)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
NEVER_IN_OUR_PAGES = {"iframe", "object", "embed", "base", "math", "frame", "applet"}
ONCE_PER_PAGE = {"html", "head", "body", "title"}


class Inspector(HTMLParser):
    """Collect what in a page could run script, and the page's text as a reader sees it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script: str | None = None
        self._seen: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>: an event handler")
            if name in URL_ATTRIBUTES and re.sub(r"\s", "", value or "").lower().startswith(
                    ("javascript:", "vbscript:", "data:text/html")):
                self.problems.append(f"<{tag} {name}={value!r}>: a script URL")
        if tag in NEVER_IN_OUR_PAGES or tag == "meta" and "http-equiv" in attributes or tag in self._seen:
            self.problems.append(f"<{tag} {attributes}>: an element none of our pages has (here)")
        if tag in ONCE_PER_PAGE:
            self._seen.add(tag)
        if tag == "script":
            src = attributes.get("src") or ""
            if not src.startswith("/static/") and attributes.get("type") != "application/json":
                self.problems.append(f"<script {attributes}>: not one of our own script files")
            self._script = attributes.get("type", "")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None and self._script != "application/json" and data.strip():
            self.problems.append(f"inline script: {data[:60]!r}")
        self.text.append(data)


def inspect(html: str) -> tuple[list[str], str]:
    """Return the page's script-capable problems and its visible text."""
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems, "".join(inspector.text)


def assert_inert(html: str, *shown: str) -> None:
    """Fail if the page could run script, or does not show each of `shown` as text."""
    problems, text = inspect(html)
    assert not problems, problems
    flat = re.sub(r"\s+", " ", text)
    for value in shown:
        assert re.sub(r"\s+", " ", value).strip() in flat, f"{value!r} is not shown as text"

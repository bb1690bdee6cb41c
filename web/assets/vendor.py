"""Copy the pinned front-end packages from web/assets/node_modules into web/static/vendor.

Run by `make vendor` after `npm ci`; only the files the pages use are copied (the design system's
stylesheet, script, the fonts and icons that stylesheet names, and each package's licence), so the
app is served without npm and the repository stays small.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ASSETS = Path(__file__).resolve().parent
MODULES = ASSETS / "node_modules"
VENDOR = ASSETS.parent / "static" / "vendor"
DKFDS_CSS = "css/dkfds-virkdk.min.css"
_URL = re.compile(r"url\(\s*['\"]?([^'\")?#]+)")


def copy(source: Path, target: Path) -> None:
    """Copy one file, creating its folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def vendor_dkfds() -> int:
    """Copy the Virk-themed design system and every file its stylesheet refers to."""
    dist, out = MODULES / "dkfds" / "dist", VENDOR / "dkfds"
    shutil.rmtree(out, ignore_errors=True)
    css = (dist / DKFDS_CSS).read_text(encoding="utf-8")
    referenced = {(dist / "css" / url).resolve() for url in _URL.findall(css) if not url.startswith("data:")}
    files = {dist / DKFDS_CSS, dist / "js" / "dkfds.min.js", dist / "img" / "all-svg-icons.svg",
             dist / "LICENSE.md", dist / "fonts" / "IBMPlexSans" / "complete" / "woff2" / "license.txt",
             *referenced}
    for source in files:
        copy(source, out / source.relative_to(dist))
    return len(files)


def vendor_chartjs() -> int:
    """Copy Chart.js's self-contained browser build and its licence."""
    package, out = MODULES / "chart.js", VENDOR / "chartjs"
    shutil.rmtree(out, ignore_errors=True)
    copy(package / "dist" / "chart.umd.min.js", out / "chart.umd.min.js")
    copy(package / "LICENSE.md", out / "LICENSE.md")
    return 2


def main() -> None:
    """Vendor every package, or explain that `npm ci` must run first."""
    if not MODULES.is_dir():
        sys.exit(f"{MODULES} is missing: run `npm ci` in {ASSETS} first (or `make vendor`)")
    count = vendor_dkfds() + vendor_chartjs()
    print(f"copied {count} files into {VENDOR}")


if __name__ == "__main__":
    main()

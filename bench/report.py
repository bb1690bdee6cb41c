"""One table of figures against their targets: printed, and written as `bench/results.md`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


@dataclass(frozen=True)
class Row:
    """One measured figure, its target (if it has one) and whether it meets it."""

    group: str
    measure: str
    value: str
    target: str = ""
    met: bool | None = None

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("ok" if self.met else "MISSED")


HEADINGS = ("", "measure", "measured", "target", "")


def _cells(row: Row) -> tuple[str, ...]:
    return (row.group, row.measure, row.value, row.target, row.verdict)


def table(rows: list[Row]) -> str:
    """Return the rows as a fixed-width text table."""
    cells = [HEADINGS, *(_cells(r) for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADINGS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cell, widths)).rstrip() for cell in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(rows: list[Row], machine: dict[str, str], notes: list[str]) -> str:
    """Return the results page: machine, the table, and how it was measured."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["# Benchmark results", "", f"Measured by `make bench` on {stamp}.", "", "## Machine", "",
           "| | |", "| --- | --- |"]
    out += [f"| {key} | {value} |" for key, value in machine.items()]
    out += ["", "## Figures", "", "| " + " | ".join(h or " " for h in HEADINGS) + " |",
            "| --- | --- | ---: | --- | --- |"]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in _cells(r)) + " |" for r in rows]
    out += ["", "## How", ""] + [f"- {note}" for note in notes]
    return "\n".join(out) + "\n"


def write(path: Path, rows: list[Row], machine: dict[str, str], notes: list[str]) -> None:
    """Write the results page."""
    path.write_text(markdown(rows, machine, notes), encoding="utf-8")

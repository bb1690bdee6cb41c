"""Reduce an inquiry to what it is about: no greetings, signatures, quoted replies, boilerplate or numbers."""
from __future__ import annotations

import re

from classifier.text import fold

# Lines from which everything below is an earlier message, not this inquiry.
_QUOTE_START = re.compile(
    r"^\s*(-{2,}\s*(original message|oprindelig meddelelse|videresendt meddelelse|forwarded message)"
    r"|(on|den) .{4,80} (wrote|skrev)\s*:?\s*$"
    r"|(from|fra)\s*:.*$)",
    re.IGNORECASE,
)
# A sign-off line: what follows is a name, a title and contact details.
_SIGN_OFF = re.compile(
    r"^\s*(med )?(venlig(e|st)?|bedste|mange|de bedste|kærlig|kaerlig|god) (hilsen|hilsner)\b"
    r"|^\s*(mvh|vh|hilsen|hilsner|kind regards|best regards|warm regards|regards|best wishes|best"
    r"|yours (sincerely|faithfully)|sincerely|cheers|thanks|thank you|tak)\s*[,.!]?\s*$"
    r"|^\s*(mvh|vh|hilsen)\b"
    r"|^\s*(sendt fra min|sent from my)\b",
    re.IGNORECASE,
)
# An opening line that only greets ("Hej", "Kære Havvig Kommune", "Dear Sir or Madam,").
_GREETING = re.compile(
    r"^\s*(hej|hejsa|hi|hello|hey|dear|kære|kaere|goddag|god dag|godmorgen|good (morning|afternoon)|til)\b"
    r"(\s+[^\s,.!?]+){0,4}\s*[,!:]?\s*$",
    re.IGNORECASE,
)
# Paragraphs that every message of a company carries and that say nothing about this inquiry.
_BOILERPLATE = re.compile(
    r"fortrolig|confidential|intended recipient|rette modtager|tænk på miljøet|taenk paa miljoeet"
    r"|consider the environment|disclaimer|unsubscribe|afmeld nyhedsbrev",
    re.IGNORECASE,
)
_POLITE_LINE = re.compile(
    r"^\s*(på forhånd tak|paa forhaand tak|thanks in advance|thank you in advance|tak på forhånd)"
    r"\b[^\n]{0,40}$",
    re.IGNORECASE,
)
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+", re.IGNORECASE)
_NUMBERS = re.compile(r"[+]?\d[\d.,:/-]*")


def _body_lines(text: str) -> list[str]:
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    for line in lines:
        if _QUOTE_START.match(line) and kept:
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return kept


def _without_signature(lines: list[str]) -> list[str]:
    seen = 0
    for i, line in enumerate(lines):
        # A sign-off only ends the message after some content, so "Tak for sidst" cannot empty it.
        if seen >= 40 and _SIGN_OFF.match(line):
            return lines[:i]
        seen += len(line.strip())
    return lines


def _without_greeting(lines: list[str]) -> list[str]:
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and _GREETING.match(lines[first]) and len(lines) > first + 1:
        return lines[first + 1:]
    return lines


def strip_noise(text: str) -> str:
    """Drop quoted replies, greeting, sign-off and signature, polite and legal boilerplate."""
    lines = _without_greeting(_without_signature(_body_lines(text)))
    paragraphs = "\n".join(line for line in lines if not _POLITE_LINE.match(line)).split("\n\n")
    kept = [p for p in paragraphs if not _BOILERPLATE.search(p)]
    cleaned = "\n\n".join(kept).strip()
    return cleaned or text.strip()


def fold_substance(substance: str) -> str:
    """Fold an already stripped message and drop its numbers and addresses."""
    return fold(_NUMBERS.sub(" ", _ADDRESSES.sub(" ", substance)))


def prepare(text: str) -> str:
    """Return the text the model reads: the message's substance, folded, with no numbers or addresses."""
    return fold_substance(strip_noise(text))

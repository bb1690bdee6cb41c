"""Danish phone numbers, normalised to +45 and eight digits."""
from __future__ import annotations

import re


class PhoneError(ValueError):
    """A phone number that cannot be read as a Danish or international number."""


def normalise_phone(raw: str) -> str:
    """Return `+45 12 34 56 78` for a Danish number, `+<digits>` for a foreign one."""
    digits = re.sub(r"[\s\-().]", "", raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if re.fullmatch(r"\d{8}", digits):
        digits = "+45" + digits
    if re.fullmatch(r"\+45\d{8}", digits):
        d = digits[3:]
        return f"+45 {d[0:2]} {d[2:4]} {d[4:6]} {d[6:8]}"
    if re.fullmatch(r"\+[1-9]\d{6,14}", digits):
        return digits
    raise PhoneError(f"phone number {raw!r} is not a Danish 8-digit number or an international +number")

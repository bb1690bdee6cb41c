"""The base form: Flask-WTF's CSRF check, with WTForms' own messages in the reader's language."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf import FlaskForm


def _builtin_messages() -> dict[str, str]:
    # WTForms ships no Danish catalogue; these are the messages its fields can raise on their own.
    return {
        "Not a valid integer value.": _("Skriv et helt tal."),
        "Not a valid date value.": _("Skriv en dato som dd-mm-åååå."),
        "Not a valid choice.": _("Vælg en af mulighederne på listen."),
        "This field is required.": _("Feltet skal udfyldes."),
        "Invalid input.": _("Tjek det, du har skrevet."),
    }


class _Translations:
    def gettext(self, message: str) -> str:
        return _builtin_messages().get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return ngettext(singular, plural, n)


class Form(FlaskForm):
    """A form with CSRF protection whose built-in messages follow the chosen language."""

    class Meta:
        def get_translations(self, form):
            return _Translations()

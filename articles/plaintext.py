"""Plain text typed by the newsroom, made safe for the formats that carry it.

Titles, standfirsts, names and captions are plain text: wherever they leave the site
(RSS, e-mail headers) they must stay text, never become markup or break the format.
"""

import html
import re

from django.core.exceptions import ValidationError

# What XML 1.0 cannot carry (Django's feed generator raises on it: a 500 for the whole
# feed), plus C1 controls, lone surrogates and non-characters: invisible, never meant.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Line and paragraph breaks, tabs: a single-line value (a subject, a title) folds them.
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_SPACES = re.compile(r" {2,}")


def one_line(value):
    """``value`` on one line: breaks become a space, other control characters go.

    "Budget\\r\\n2026\\x07" -> "Budget 2026". Used for e-mail subjects (a CR/LF there is
    a header injection: Django refuses the whole message) and feed fields.
    """
    value = _BREAKS.sub(" ", str(value))
    value = _UNSAFE.sub("", value)
    return _SPACES.sub(" ", value).strip()


def rss_text(value):
    """Plain text as an RSS text field: one line, HTML-escaped before the XML layer.

    Feed readers decode an RSS <title> or <description> and render it as HTML, so
    text escaped only once for XML becomes markup (``<img onerror>`` runs). Escaped
    here for HTML, then again by the XML generator, it is shown as typed:
    "<b>" -> "&lt;b&gt;" -> "&amp;lt;b&amp;gt;" in the XML. Quotes need no escaping
    in element content and stay readable for readers that show the raw text.
    """
    if value is None:
        return None
    return html.escape(one_line(value), quote=False)


def has_control_characters(value):
    """Line breaks, tabs or other control characters (all invisible in a title)."""
    return bool(_BREAKS.search(value) or _UNSAFE.search(value))


def validate_single_line_text(value):
    """For one-line fields (a title): refuse what would be silently folded elsewhere.

    To use as ``validators=[validate_single_line_text]`` on a form or model field.
    """
    if value and has_control_characters(str(value)):
        raise ValidationError(
            "Ce champ tient sur une ligne : retirez les retours à la ligne, tabulations "
            "et caractères de contrôle.",
            code="control_characters",
        )

"""French typography, applied when a page is rendered (the stored text never changes).

``french_text(text)`` for plain text, ``french_html(html)`` for sanitised HTML (its text
only: never tags, attributes, comments, ``<code>``, ``<pre>``). In both, addresses
(``https://…``, ``www.…``, e-mails) and entities written as text stay as they are.

The rules, in the order they run:

- "..." -> "…";
- ' -> ’ after a letter ("l'hôpital", "aujourd'hui");
- "…" -> « … » when a pair of straight quotes opens before a word and closes after one,
  with no tag between them (a lone or ambiguous " stays);
- U+202F (narrow no-break space) after « and before », replacing any space there;
- no space before "," or "." ("pérenne , est" -> "pérenne, est");
- numbers: thousands joined by U+202F — "3 000" (already spaced), 5 to 7 digits
  ("150000"), 4 digits or more before a currency or unit ("3000 €"); never a number
  starting with 0 (phones, codes), after "n°", or of 5 digits before a capitalised
  word (a postcode: "75013 Paris"); years stay ("en 2019", "2019-2022");
- U+00A0 between a number and %, ‰, €, k€, M€, Md€, $, £ (spaced or not: "10%" -> "10 %"),
  or one of UNITS when a space already separates them ("5 km", not "14h05");
- U+202F before ; ! ? (replacing a space there; none between two signs: "?!");
- U+00A0 before : except between two digits ("10:30").

Applying it twice gives what applying it once gave. Regexes are compiled once: this
runs on every uncached page (about 0.5 ms per 10 KB of body: tests/test_typography.py).
"""

import html
import re

NNBSP = "\u202f"  # narrow no-break space: ; ! ?, inside « », thousands
NBSP = "\u00a0"  # no-break space: before : and units

# In french_html, where tags were: INLINE lets rules see across it ("<em>santé</em>?"),
# BLOCK stops them (a paragraph's end). Neither can come out of sanitised text.
INLINE, BLOCK = "\x00", "\x01"

SPACES = " \t\u00a0\u202f\u2009"  # what a rule may replace (never a line break)
_SP = f"[{SPACES}]"
SYMBOLS = ("%", "‰", "€", "k€", "M€", "Md€", "Mds€", "$", "£")
UNITS = (
    "km", "m", "cm", "mm", "m²", "km²", "ha", "kg", "g", "mg", "µg", "ml", "mL", "cl",
    "h", "min", "ms", "Ko", "Mo", "Go", "To", "kW", "MW", "GW", "kWh", "MWh", "GWh",
    "TWh", "°C", "mmHg",
)  # fmt: skip
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

# Patterns start with a literal where they can (the engine then skips ahead to it) and
# look behind afterwards: a look-behind first costs a test at every character.
_PROTECTED = re.compile(
    r"(?:https?|ftp)://[^\s\x00\x01]+|\bwww\.[^\s\x00\x01]+|\bmailto:[^\s\x00\x01]+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|&#?\w+;",
    re.IGNORECASE,
)
_MAY_PROTECT = ("://", "www.", "mailto:", "@", "&")
_ELLIPSIS = re.compile(r"\.\.\.(?<!\.\.\.\.)(?!\.)")
_APOSTROPHE = re.compile(r"'(?<=[^\W\d_]')")
_QUOTES = re.compile(r'"(?<![\w"]")(?=[^\s"\x00\x01])([^"\n\x00\x01]*?[^\s"\x00\x01])"(?![\w"])')
_OPENING = re.compile(f"«{_SP}*")
_BEFORE_COMMA = re.compile(rf"{_SP}+(?=[,.](?![\w.]))")
_SPACED_PUNCTUATION = tuple(space + mark for space in SPACES for mark in ",.")
_AFTER = rf"{_SP}*(?:{_SYMBOL})|{_SP}+(?:{_UNIT})(?![\w’'])"
# Only the numbers a rule may change (the callback decides): spaced thousands, a number
# before a unit, 5 to 7 digits. The first digit is not glued to a word ("COVID19").
_NUMBER = re.compile(
    r"\d(?<![\w.,/°]\d)(?<!\w-\d)"
    r"(?:(?P<spaced>\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?!\d))(?P<d1>,\d+)?(?P<a1>"
    + _AFTER
    + r")?|(?P<measured>\d*)(?P<d2>,\d+)?(?P<a2>"
    + _AFTER
    + r")|(?P<long>\d{4,6})(?!\d)(?P<d3>,\d+)?)"
)
NUMBER_SIGNS = ("n°", "N°")
_POSTCODE_CITY = re.compile(f"{_SP}[A-ZÀ-Ý]")
_GROUP_SEPARATORS = str.maketrans("", "", " \u00a0\u202f")

_TAG = re.compile(  # one literal "<" first: the engine jumps from tag to tag
    r"<(?:(?P<skip>pre|code|kbd|samp|script|style|textarea)\b[^>]*>.*?</(?P=skip)\s*>"
    r"|!--.*?-->"
    r"|(?P<block>/?(?:p|br|hr|h[1-6]|ul|ol|li|dl|dt|dd|div|blockquote|figure|figcaption"
    r"|table|tr|td|th|section|header|footer|aside)\b[^>]*>)"
    r"|[^>]*>)",
    re.DOTALL | re.IGNORECASE,
)
_SENTINELS = re.compile("[\x00\x01]")


def _group(digits):
    """ "1234567" -> "1 234 567" (U+202F)."""
    head = len(digits) % 3 or 3
    return NNBSP.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _number(match):
    first, text, end = match.group()[0], match.string, match.end()
    spaced, measured, long = match.group("spaced", "measured", "long")
    decimals = match["d1"] or match["d2"] or match["d3"] or ""
    after = match["a1"] or match["a2"]
    if after:  # an amount or a measure: thousands from 4 digits on
        digits = first + (spaced if spaced is not None else measured)
        if spaced is not None or (len(digits) >= 4 and first != "0"):
            digits = _group(digits.translate(_GROUP_SEPARATORS))
        return f"{digits}{decimals}{NBSP}{after.lstrip(SPACES)}"
    following = text[end : end + 2]
    if following[:1].isalnum() or following[:1] == "_" or _is_decimal_point(following):
        return match.group()  # "14h05", "3.14": not a French number
    if spaced is not None:
        return _group((first + spaced).translate(_GROUP_SEPARATORS)) + decimals
    if (
        first == "0"
        or text[max(0, match.start() - 8) : match.start()].rstrip(SPACES)[-2:] in NUMBER_SIGNS
    ):
        return match.group()  # a phone number, a code, "n° 12345"
    if len(long) == 4 and _POSTCODE_CITY.match(text, end):
        return match.group()  # "75013 Paris"
    return _group(first + long) + decimals


def _is_decimal_point(following):
    return following[:1] == "." and following[1:2].isdigit()


def _no_space(match):
    """ "pérenne , est" -> "pérenne, est" (a line that starts with "," keeps its space)."""
    start = match.start()
    before = match.string[start - 1] if start else "\n"
    return match.group() if before.isspace() or before == BLOCK else ""


def _space_before(text, sign, space, after_none=""):
    """``space`` instead of whatever spaces precede each ``sign`` in ``text``, unless
    the sign opens the text or follows one of ``after_none``."""
    pieces = text.split(sign)
    for i in range(len(pieces) - 1):
        before = pieces[i]
        kept = before.rstrip(SPACES)
        last = kept[-1:]
        if not last or last in after_none or last.isspace():
            continue
        if sign == ":" and kept is before and last.isdigit() and pieces[i + 1][:1].isdigit():
            continue  # "10:30"
        pieces[i] = kept + space
    return sign.join(pieces)


def _rules(text):
    if "..." in text:
        text = _ELLIPSIS.sub("…", text)
    if "'" in text:
        text = _APOSTROPHE.sub("’", text)
    if '"' in text:
        text = _QUOTES.sub(f"«{NNBSP}\\1{NNBSP}»", text)
    if "«" in text:
        text = _OPENING.sub(f"«{NNBSP}", text)
    if "»" in text:
        text = _space_before(text, "»", NNBSP, BLOCK)
    if any(pair in text for pair in _SPACED_PUNCTUATION):
        text = _BEFORE_COMMA.sub(_no_space, text)
    text = _NUMBER.sub(_number, text)
    for sign in ";!?":
        if sign in text:
            text = _space_before(text, sign, NNBSP, "?!;:«([" + BLOCK)
    if ":" in text:
        text = _space_before(text, ":", NBSP, "?!;:«([" + BLOCK)
    return text


def _transform(text):
    """The rules on ``text``, outside its addresses and entities."""
    if not any(mark in text for mark in _MAY_PROTECT):
        return _rules(text)
    out, position = [], 0
    for match in _PROTECTED.finditer(text):
        out += [_after(out, text[position : match.start()]), match.group()]
        position = match.end()
    out.append(_after(out, text[position:]))
    return "".join(out)


def _after(out, text):
    """The rules on what follows an address, seeing its last character ("x.fr !")."""
    last = out[-1][-1:] if out else ""
    if not last or not text:
        return _rules(text)
    done = _rules(last + text)
    return done[1:] if done[:1] == last else _rules(text)


def french_text(text):
    """Plain text with French typography (not escaped: escape it after)."""
    text = "" if text is None else str(text)
    if INLINE in text or BLOCK in text:
        text = _SENTINELS.sub("", text)
    return _transform(text) if text else text


def french_html(markup):
    """Sanitised HTML with French typography in its text, tags left byte for byte.

    The text of the whole fragment is transformed at once (one pass of each rule, and
    rules see across inline tags), tags standing in it as INLINE or BLOCK marks."""
    markup = "" if markup is None else str(markup)
    if INLINE in markup or BLOCK in markup:
        markup = _SENTINELS.sub("", markup)
    tags, joined, position = [], [], 0
    for match in _TAG.finditer(markup):
        joined += [markup[position : match.start()], BLOCK if match["block"] else INLINE]
        tags.append(match.group())
        position = match.end()
    joined.append(markup[position:])
    text = "".join(joined)
    if "&" in text:
        text = html.unescape(text)  # entities never span a tag
    text = _transform(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    pieces = _SENTINELS.split(text)
    if len(pieces) != len(tags) + 1:  # cannot happen: no rule adds or drops a mark
        return markup
    out = [pieces[0]]
    for tag, piece in zip(tags, pieces[1:], strict=True):
        out += [tag, piece]
    return "".join(out)

"""Stored-XSS payloads, and the checks that say whether a page let one come alive.

Shared by the adversarial suite: each payload is what a hostile journalist could type in
a text field. A surface passes when the text comes back as text (shown exactly once,
never as markup): no injected element, no ``on*`` attribute, no ``javascript:`` link, no
script that is not ours, every JSON-LD block still valid JSON.
"""

import json
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from articles.typography import french_text


@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    # A word of the payload the search engine indexes (for the highlighted excerpts).
    search_word: str = "alert"


PAYLOADS = [
    Payload("script", "<script>alert(1)</script>"),
    Payload("attribute_breakout", '"><img src=x onerror=alert(1)>'),
    Payload("single_quote_breakout", "'><svg onload=alert(1)>"),
    Payload("svg_onload", "<svg/onload=alert(1)><b>gras</b>"),
    Payload("title_breakout", "</title><script>alert(1)</script>"),
    Payload("textarea_breakout", "</textarea><img src=x onerror=alert(1)>"),
    Payload("template_syntax", '{{ 7*7 }} ${7*7} {% now "Y" %} #{7*7}', search_word="now"),
    Payload("rsnake", "'';!--\"<XSS>=&{()}", search_word="xss"),
    Payload("entity_encoded", "&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;"),
    Payload(
        "numeric_entities", "&#60;img src=x onerror=alert(1)&#62; &#x3C;svg onload=alert(1)&#x3E;"
    ),
    Payload("jsonld_script_close", '</script><script>alert(1)</script><!--"}]'),
    Payload(
        "json_escapes",
        '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\" \\\\',
        search_word="u003cscript",
    ),
    Payload("line_separators", "Ligne\u2028séparée\u2029par alert(1)</script>"),
    Payload("crlf", "Titre\r\nBcc: victime@example.org\r\n\r\n<script>alert(1)</script>"),
    Payload("javascript_url_text", "javascript:alert(1)"),
    Payload("cdata_breakout", "]]><script>alert(1)</script><![CDATA["),
    Payload("mixed_case", "<ScRiPt>alert(1)</sCrIpT><IMG SRC=x OnErRoR=alert(1)>"),
    Payload("iframe_srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
    Payload("link_javascript", '<a href="javascript:alert(1)">clic</a>'),
    Payload(
        "base_meta_style",
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=//evil.'
        'example"><style>body{display:none}</style> alert',
    ),
    Payload("bidi_emoji", "\u202e<b>gras</b>\u202c 🩺 «\u00a0alert\u00a0»"),
    # Cut to each field's length by the suite: a field full of markup.
    Payload("long", "<img src=x onerror=alert(1)>" * 800),
]

# Refused before anything is saved (form error), never stored.
NUL_PAYLOAD = Payload("nul", "Avant\x00<script>alert(1)</script>")

# Link fields (resources): refused, or kept only as a harmless http(s) address.
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
]
# Valid http(s) addresses that carry markup: stored, then escaped inside href="…".
MARKUP_URLS = [
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/?q='onmouseover='alert(1)",
]

MARKER = "alert("
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
# Elements no surface of ours emits: if one shows up, it came from a payload (the admin
# draws its icons with inline <svg>: an injected one is caught by its on* attribute).
FOREIGN_TAGS = {"xss", "iframe", "object", "embed", "math", "base", "frame", "frameset",
                "applet"}  # fmt: skip
SCRIPT_TYPES_OURS = {"", "text/javascript", "module", "importmap", "application/json",
                     "application/ld+json"}  # fmt: skip


def parse_html(content):
    if isinstance(content, bytes):
        content = content.decode()
    return lxml.html.document_fromstring(content or "<html></html>")


def live_markup(content, allowed_tags=()):
    """Everything in an HTML page that a payload would have made executable (a list of
    readable findings, empty when the page is clean)."""
    doc = parse_html(content) if not isinstance(content, lxml.html.HtmlElement) else content
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        tag = element.tag.lower()
        if tag in FOREIGN_TAGS and tag not in allowed_tags:
            found.append(f"<{tag}> injecté")
        if tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append("<meta http-equiv=refresh> injecté")
        for name, value in element.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on"):
                found.append(f"attribut {name}={value!r} sur <{tag}>")
            if lowered in URL_ATTRIBUTES and _is_script_url(value):
                found.append(f"{name}={value!r} sur <{tag}>")
        if tag == "script":
            found += _script_findings(element)
        if tag == "style" and "display:none" in (element.text or "").replace(" ", ""):
            found.append("<style> injecté")
    return found


def _is_script_url(value):
    # Browsers drop ASCII whitespace and control characters before the scheme.
    squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html"))


def _script_findings(element):
    kind = element.get("type", "").lower()
    text = element.text or ""
    if kind not in SCRIPT_TYPES_OURS:
        return [f"<script type={kind!r}> inconnu"]
    if kind in ("application/ld+json", "application/json", "importmap"):
        try:
            json.loads(text)
        except ValueError:
            return [f"<script type={kind!r}> dont le JSON est cassé : {text[:80]!r}"]
        return []
    if MARKER in text or "evil" in (element.get("src") or ""):
        return [f"<script> injecté : {text[:80]!r}"]
    return []


def json_ld_strings(content):
    """Every string value of every JSON-LD block of the page."""
    doc = parse_html(content) if not isinstance(content, lxml.html.HtmlElement) else content
    strings = []

    def walk(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for script in doc.iter("script"):
        if script.get("type") == "application/ld+json":
            walk(json.loads(script.text or "null"))
    return strings


def squeeze(text):
    """Whitespace collapsed, as HTML shows it (line and paragraph separators included)."""
    return " ".join(text.replace("\u2028", " ").replace("\u2029", " ").split())


def page_texts(content):
    """What a reader of the page can see or a tool can read: text, attribute values, JSON-LD."""
    doc = parse_html(content) if not isinstance(content, lxml.html.HtmlElement) else content
    for br in doc.iter("br"):
        # A line break shows as one: "a<br>b" reads "a b", not "ab".
        br.tail = "\n" + (br.tail or "")
    texts = [squeeze(doc.text_content())]
    texts += [squeeze(v) for element in doc.iter() for v in element.attrib.values()]
    texts += [squeeze(s) for s in json_ld_strings(doc)]
    return texts


def shows_text(content_or_texts, value, prefix=60):
    """Does the page show ``value`` as text, exactly once escaped (its first ``prefix``
    characters are enough: meta descriptions and excerpts are cut)? As typed, or with
    the French typography pages give it (articles/typography.py: ’ « » …, spaces)."""
    texts = content_or_texts if isinstance(content_or_texts, list) else page_texts(content_or_texts)
    wanted = {squeeze(shown)[:prefix].rstrip() for shown in (value, french_text(value))}
    return any(each in text for text in texts for each in wanted)


def fragment_findings(html_fragment):
    """live_markup() for a piece of HTML (a feed's description, an excerpt)."""
    return live_markup(f"<html><body><div>{html_fragment}</div></body></html>")


def fragment_text(html_fragment):
    """The text a reader sees for a piece of HTML."""
    if not html_fragment.strip():
        return ""
    return lxml.html.fragment_fromstring(html_fragment, create_parent="div").text_content()


def parse_xml(content):
    """Strict XML parse (a payload breaking out of an element fails here)."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    return lxml.etree.fromstring(content, parser)

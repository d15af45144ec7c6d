"""French typography on render (articles/typography.py and the |typo, |typo_html filters):
each rule on its own, what it must leave alone, and the safety of the filters."""

import time

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from articles.templatetags.newsroom import typo, typo_html
from articles.typography import NBSP, NNBSP, french_html, french_text

# Spelled out in the expectations: "~" a no-break space, "^" a narrow one.
N, F = NBSP, NNBSP


def shown(text):
    return text.replace(NBSP, "~").replace(NNBSP, "^")


# --- One rule at a time --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("l'hôpital", "l’hôpital"),
        ("aujourd'hui", "aujourd’hui"),
        ("L'Ondam, qu'il faut", "L’Ondam, qu’il faut"),
        ("les patients' droits", "les patients’ droits"),
        ("l’hôpital", "l’hôpital"),  # already typographic
        ("'Tout' dit-il", "'Tout’ dit-il"),  # an opening quote is not an apostrophe
        ("les années '90", "les années '90"),
    ],
)
def test_apostrophe_after_a_letter(text, expected):
    assert french_text(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("la santé?", "la santé^?"),
        ("la santé ?", "la santé^?"),
        (f"la santé{N}?", "la santé^?"),
        ("Stop !", "Stop^!"),
        ("un ; deux", "un^; deux"),
        ("Vraiment ?!", "Vraiment^?!"),  # no space between two signs
        ("? au début", "? au début"),
        ("(?)", "(?)"),
    ],
)
def test_narrow_space_before_question_exclamation_and_semicolon(text, expected):
    assert shown(french_text(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ondam 2026 : la hausse", "Ondam 2026~: la hausse"),
        ("Note: lire", "Note~: lire"),
        (f"Note{F}: lire", "Note~: lire"),
        ("à 10:30", "à 10:30"),  # a time
        ("un score de 2:1", "un score de 2:1"),
        ("à 14h05", "à 14h05"),
    ],
)
def test_no_break_space_before_colon_but_not_in_a_time(text, expected):
    assert shown(french_text(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("« oui »", "«^oui^»"),
        ("«oui»", "«^oui^»"),
        (f"«{N}oui{N}»", "«^oui^»"),
        ('Il a dit "oui" puis "non".', "Il a dit «^oui^» puis «^non^»."),
        ('un écran de 27"', 'un écran de 27"'),  # a lone quote: left
        ('"oui', '"oui'),
    ],
)
def test_guillemets_and_straight_double_quotes(text, expected):
    assert shown(french_text(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("pérenne , est", "pérenne, est"),
        ("la fin .", "la fin."),
        ("le framework .NET", "le framework .NET"),
        ("un taux de ,5", "un taux de ,5"),
    ],
)
def test_no_space_before_comma_or_full_stop(text, expected):
    assert french_text(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Et puis...", "Et puis…"),
        ("Et puis…", "Et puis…"),
        ("Quatre....", "Quatre...."),
    ],
)
def test_ellipsis(text, expected):
    assert french_text(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3000 €", "3^000~€"),
        ("3 000 €", "3^000~€"),
        ("3000€", "3^000~€"),
        ("2 500 000 000 €", "2^500^000^000~€"),
        ("150000 patients", "150^000 patients"),
        ("1 200 lits", "1^200 lits"),
        ("12345,5 lits", "12^345,5 lits"),
        ("en 2019", "en 2019"),
        ("2019-2022", "2019-2022"),
        ("2019 150 patients", "2019 150 patients"),
        ("75013 Paris", "75013 Paris"),
        ("appeler le 0612345678", "appeler le 0612345678"),
        ("01 23 45 67 89", "01 23 45 67 89"),
        ("n° 123456", "n° 123456"),
        ("FINESS 750712184", "FINESS 750712184"),
        ("COVID19", "COVID19"),
        ("version 3.14159", "version 3.14159"),
    ],
)
def test_thousands_grouped_with_narrow_spaces(text, expected):
    assert shown(french_text(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10 %", "10~%"),
        ("10%", "10~%"),
        ("1,5 %", "1,5~%"),
        ("3 M€", "3~M€"),
        ("2 ‰", "2~‰"),
        ("5 km", "5~km"),
        ("de 8 h à 18 h", "de 8~h à 18~h"),
        ("5km", "5km"),  # not glued by us
        ("3 mois", "3 mois"),
        ("20 ans", "20 ans"),
        ("2 l’heure", "2 l’heure"),
    ],
)
def test_no_break_space_between_number_and_unit(text, expected):
    assert shown(french_text(text)) == expected


# --- What must not change ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "https://exemple.fr/a?b=1;c=2",
        "www.exemple.fr/l'article?x=1",
        "mailto:redaction@exemple.fr",
        "jean.dupont@exemple.fr",
        "AT&amp;T",
        "",
    ],
)
def test_addresses_and_entities_are_left_alone(text):
    assert french_text(text) == text


def test_a_sentence_with_an_address_changes_around_it():
    text = "Voir : https://exemple.fr/a?b=1 ou écrire à l'adresse x@exemple.fr !"
    assert shown(french_text(text)) == (
        "Voir~: https://exemple.fr/a?b=1 ou écrire à l’adresse x@exemple.fr^!"
    )


TEXTS = [
    'L\'Ondam 2026 : 3000 € de plus, soit 10 % ? « Oui »... dit-il ; "non" !',
    '<p>l\'hôpital <a href="https://x.fr/?a=1">lien</a> ? <code>a : b</code></p>',
]


@pytest.mark.parametrize("text", TEXTS)
def test_twice_is_once(text):
    assert french_text(french_text(text)) == french_text(text)
    assert french_html(french_html(text)) == french_html(text)


def test_already_correct_text_is_unchanged():
    text = f"L’Ondam 2026{N}: 3{F}000{N}€, soit 10{N}%{F}? «{F}Oui{F}»… dit-il"
    assert french_text(text) == text


# --- HTML: only the text -------------------------------------------------------------


def test_html_text_changes_not_its_tags_or_attributes():
    body = (
        '<p>L\'accès <a href="https://exemple.fr/a?b=1&amp;c=2" title="l\'aide : ici">'
        'à l\'aide</a> ?</p><figure><img src="/media/a.jpg" alt="l\'hôpital : vue">'
        "<figcaption>Légende : l'hôpital</figcaption></figure>"
    )
    assert shown(french_html(body)) == (
        '<p>L’accès <a href="https://exemple.fr/a?b=1&amp;c=2" title="l\'aide : ici">'
        'à l’aide</a>^?</p><figure><img src="/media/a.jpg" alt="l\'hôpital : vue">'
        "<figcaption>Légende~: l’hôpital</figcaption></figure>"
    )


def test_html_code_pre_and_comments_are_left_alone():
    body = "<p>Tapez <code>a : b ; c</code></p><pre>x ? y</pre><!-- l'idée : -->"
    assert french_html(body) == body


def test_html_entities_stay_valid():
    body = "<p>R&amp;D &lt;b&gt; d&#x27;abord &quot;x&quot;</p>"
    assert shown(french_html(body)) == "<p>R&amp;D &lt;b&gt; d’abord «^x^»</p>"


def test_rules_see_across_inline_tags_but_not_paragraphs():
    assert shown(french_html("<p><em>santé</em>?</p>")) == "<p><em>santé</em>^?</p>"
    assert french_html('<p>"oui</p><p>non"</p>') == '<p>"oui</p><p>non"</p>'
    # Quotes pair within one piece of text only: a caption's and a credit's stay apart.
    credit = '<span>Un "x</span> <small>© y"</small>'
    assert french_html(credit) == credit


# --- The filters ---------------------------------------------------------------------


def test_typo_escapes_a_title():
    html = Template("{% load newsroom %}{{ title|typo }}").render(
        Context({"title": "<script>alert('x')</script> & l'hôpital ?"})
    )
    assert html == f"&lt;script&gt;alert(&#x27;x’)&lt;/script&gt; &amp; l’hôpital{F}?"


def test_typo_html_escapes_what_is_not_marked_safe():
    assert typo_html("<b>l'été</b>") == "&lt;b&gt;l’été&lt;/b&gt;"
    assert typo_html(mark_safe("<b>l'été</b>")) == "<b>l’été</b>"
    assert typo_html(None) == ""


def test_typo_of_safe_html_changes_only_its_text():
    assert typo(mark_safe("<a href=\"/l'a?\">l'a</a>")) == '<a href="/l\'a?">l’a</a>'


# --- Speed: it runs on every uncached page --------------------------------------------


def test_a_long_body_takes_well_under_a_millisecond_per_10_kb():
    paragraph = (
        "<p>L'Ondam 2026 : la hausse de 3000 € par lit, soit 10 % de plus qu'en 2019 ? "
        'Selon <a href="https://exemple.fr/a?b=1">le rapport</a>, « c\'est pérenne » ; '
        "les 150000 patients... <em>Vraiment</em> !</p>\n"
    )
    body = paragraph * 80  # 3 000 words, 19 KB, a number every eight words
    french_html(body)
    best = min(_timed(french_html, body) for _ in range(5))
    # About 1 ms on this dense text (0.5 ms per 10 KB of demo prose); slack for CI.
    assert best / (len(body) / 10_000) < 0.004


def _timed(function, argument):
    start = time.perf_counter()
    function(argument)
    return time.perf_counter() - start

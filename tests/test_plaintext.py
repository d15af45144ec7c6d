"""Plain text leaving the site (feeds, e-mail subjects) stays text, on one line."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from articles.plaintext import one_line, rss_text, validate_single_line_text


@pytest.mark.parametrize(
    "typed, folded",
    [
        ("Budget\r\n2026", "Budget 2026"),
        ("Ligne\nà\rligne", "Ligne à ligne"),
        ("Tab\tulé  deux  espaces", "Tab ulé deux espaces"),
        ("Bip\x07\x00\x1b\x7f\x85fin", "Bip fin"),
        ("Séparateurs\u2028de\u2029lignes", "Séparateurs de lignes"),
        ("  « Guillemets » l’État 🩺  ", "« Guillemets » l’État 🩺"),
    ],
)
def test_one_line(typed, folded):
    assert one_line(typed) == folded


def test_rss_text_escapes_markup_once_for_html_keeping_quotes_readable():
    assert rss_text('<img src=x onerror="a"> & "b" \'c\'') == (
        '&lt;img src=x onerror="a"&gt; &amp; "b" \'c\''
    )
    assert rss_text("&lt;déjà&gt;") == "&amp;lt;déjà&amp;gt;"
    assert rss_text(None) is None


class TitleForm(forms.Form):
    title = forms.CharField(validators=[validate_single_line_text])


@pytest.mark.parametrize(
    "title", ["Avant\r\nAprès", "Avant\nAprès", "Tab\there", "Bip\x07", "A\u2028B"]
)
def test_single_line_fields_refuse_breaks_and_control_characters(title):
    form = TitleForm({"title": title})
    assert not form.is_valid()
    assert form.errors["title"] == [
        "Ce champ tient sur une ligne : retirez les retours à la ligne, tabulations et "
        "caractères de contrôle."
    ]
    with pytest.raises(ValidationError):
        validate_single_line_text(title)


@pytest.mark.parametrize("title", ["Le PLFSS 2026 : « l’Ondam » à 3,4 % 🩺", "Télé-santé & co"])
def test_single_line_fields_accept_ordinary_french_titles(title):
    assert TitleForm({"title": title}).is_valid()

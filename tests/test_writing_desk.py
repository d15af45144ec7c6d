"""The writing screen of the article admin: the text first, counters, the editor set up
for French, one action bar, and a read-only article shown as readers see it."""

import json
import re
from html import unescape

import pytest
from django.templatetags.static import static

from articles.models import Article

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def editor_config(html):
    found = re.search(r'data-django-prose-editor-configurable="([^"]*)"', html)
    return json.loads(unescape(found.group(1)))


def test_the_text_comes_first_and_the_metadata_beside_it(journalist_client):
    html = page(journalist_client, ADD_URL)
    text, side = html.split('class="writing-desk__side"', 1)
    text = text.split('class="writing-desk__text"', 1)[1]
    for name in ("title", "standfirst", "body"):
        assert f'name="{name}"' in text and f'name="{name}"' not in side
    for name in ("section", "tags", "hero_image", "bylines-TOTAL_FORMS", "resources-TOTAL_FORMS"):
        assert f'name="{name}"' in side, name
    # The whole width for the text: no model list beside the form.
    assert 'id="nav-sidebar"' not in html
    assert static("articles/admin/writing-desk.js") in html


def test_a_long_title_shows_whole_with_its_count(journalist_client):
    html = page(journalist_client, ADD_URL)
    title = re.search(r"<textarea[^>]*name=\"title\"[^>]*>", html)
    assert title, "the title is a growing text box, not a one-line input"
    assert 'data-count-max="70"' in title.group(0)
    assert 'maxlength="255"' in title.group(0)
    standfirst = re.search(r"<textarea[^>]*name=\"standfirst\"[^>]*>", html).group(0)
    assert 'data-count-max="160"' in standfirst


def test_a_title_on_two_lines_is_refused_and_nothing_is_saved(journalist_client, sections):
    response = journalist_client.post(
        ADD_URL,
        {
            "title": "Première ligne\nseconde ligne",
            "standfirst": "Chapô.",
            "body": "<p>Texte.</p>",
            "section": sections["politique"].pk,
            "bylines-TOTAL_FORMS": 0,
            "bylines-INITIAL_FORMS": 0,
            "resources-TOTAL_FORMS": 0,
            "resources-INITIAL_FORMS": 0,
            "_save": "Enregistrer",
        },
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert (
        "Ce champ tient sur une ligne : retirez les retours à la ligne, tabulations et "
        "caractères de contrôle." in unescape(response.content.decode())
    )
    assert not Article.objects.filter(title__startswith="Première ligne").exists()
    assert not Article.objects.exists()


def test_the_editor_spell_checks_and_speaks_french(journalist_client):
    config = editor_config(page(journalist_client, ADD_URL))
    # django-prose-editor turns the browser's spell-checker off unless told otherwise.
    assert "NoSpellCheck" not in config["extensions"]
    assert config["extensions"]["Placeholder"]["placeholder"].startswith("Écrivez")


def test_one_action_bar_with_save_preview_and_the_next_steps(
    journalist_client, journalist, make_article
):
    article = make_article(status="draft", created_by=journalist)
    html = page(journalist_client, f"/admin/articles/article/{article.pk}/change/")
    bar = html.split('class="writing-desk__actions"', 1)[1].split("</form>", 1)[0]
    assert 'name="_save"' in bar and 'name="_continue"' in bar
    assert 'value="submit"' in bar  # « Soumettre à la relecture »
    assert "Prévisualiser" in bar
    # One save bar only, and no « save and add another » for a writer.
    assert html.count('name="_save"') == 1
    assert 'name="_addanother"' not in html


def test_a_read_only_article_shows_its_text_not_its_html_source(journalist_client, make_article):
    article = make_article(status="published", title="Un article publié par la rédaction")
    # A row written outside the forms (a script, an old import): sanitised on display too.
    Article.objects.filter(pk=article.pk).update(
        body="<h2>Le contexte</h2><p>Un texte <strong>publié</strong>.</p>"
        '<script>alert(1)</script><p><a href="javascript:alert(2)">lien</a></p>'
    )
    html = page(journalist_client, f"/admin/articles/article/{article.pk}/change/")
    assert "<h2>Le contexte</h2>" in html and "<strong>publié</strong>" in html
    assert "&lt;h2&gt;" not in html and "&lt;p&gt;" not in html
    assert "<script>alert(1)" not in html and "javascript:alert" not in html

"""The tag merge page reads in French, inside the admin, and refuses a bad name in place.

The second tour's screenshot showed taggit's own page: « New Tag Name », « Enter new or
existing tag name », « Submit », no site header nor account links, the selected tags not
named; an empty name answered « Form is invalid. », a merge « Tags have been merged ».
"""

import pytest
from django.contrib.auth.models import Group
from taggit.models import Tag

from articles.models import Article
from newsroom import roles
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/taggit/tag/"
MERGE = "/admin/taggit/tag/merge-tags/"
ENGLISH = ["New Tag Name", "Enter new or existing", "Submit", "Form is invalid", "Tags have been"]


@pytest.fixture
def selection(editor, make_article):
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    make_article(tags=["CHU de Nantes", "chu nantes"])
    client = logged_in(editor)
    ids = list(Tag.objects.values_list("pk", flat=True))
    client.post(CHANGELIST, {"action": "render_tag_form", "_selected_action": ids, "index": "0"})
    return client


def assert_french(page):
    for english in ENGLISH:
        assert english not in page


def test_the_page_names_the_tags_in_french_inside_the_admin(selection):
    response = selection.get(MERGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fusionner des mots-clés" in page
    assert "CHU de Nantes" in page and "chu nantes" in page
    assert 'id="logout-form"' in page  # the admin's header, with the account links
    assert_french(page)


@pytest.mark.parametrize(
    "name, error",
    [
        ("", "Ce champ est obligatoire."),
        ("   ", "Ce champ est obligatoire."),
        (
            "x" * 101,
            "Assurez-vous que cette valeur comporte au plus 100 caractères (actuellement 101).",
        ),
    ],
)
def test_a_bad_name_is_a_form_error_and_merges_nothing(selection, name, error):
    response = selection.post(MERGE, {"new_tag_name": name})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="errorlist' in page
    assert error in page
    assert_french(page)
    assert Tag.objects.count() == 2
    # Both tags still on the article, under their own names.
    assert sorted(Article.objects.get().tags.names()) == ["CHU de Nantes", "chu nantes"]


def test_the_merge_is_announced_in_french(selection):
    response = selection.post(MERGE, {"new_tag_name": "CHU de Nantes"}, follow=True)
    page = response.content.decode()
    assert "Mots-clés fusionnés dans « CHU de Nantes »." in page
    assert_french(page)
    assert list(Tag.objects.values_list("name", flat=True)) == ["CHU de Nantes"]


@pytest.mark.parametrize("target", ["CHU de Nantes", "chu nantes"])
def test_merging_into_a_selected_tag_keeps_it_on_its_articles(selection, target):
    # taggit's view deleted the target's own rows when it was one of the selection.
    selection.post(MERGE, {"new_tag_name": target})
    (article,) = Article.objects.all()
    assert list(article.tags.names()) == [target]

"""The tag admin, tried by a journalist with guessed ids and forged POSTs.

A tag the journalist may not see (only on a colleague's draft, on a trashed article, on
no article at all) is a 404 on every object view, exactly like an id that never existed;
a tag they may see is read-only for them; adding, renaming, merging and deleting tags
are the editors' (access.staff.visible_tags, can_manage_tags). Nothing forged changes
anything.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag, TaggedItem

from articles.models import Article, Status
from articles.trash import trash_articles
from tests.helpers import logged_in_reporting_500s

CHANGELIST = "/admin/taggit/tag/"
MERGE = "/admin/taggit/tag/merge-tags/"


def urls(tag_id):
    base = f"{CHANGELIST}{tag_id}/"
    return [f"{base}change/", f"{base}history/", f"{base}delete/"]


@pytest.fixture
def tags(make_article, journalist, other_journalist, editor):
    colleague = make_article(
        title="Brouillon du collègue", status=Status.DRAFT, created_by=other_journalist,
        tags=["fusion-chu-nord"],
    )  # fmt: skip
    make_article(title="En ligne", tags=["fusion-publiee"])
    trashed = make_article(
        title="Mon brouillon jeté", status=Status.DRAFT, created_by=journalist,
        tags=["fusion-jetee"],
    )  # fmt: skip
    trash_articles([trashed], editor)
    Tag.objects.create(name="fusion-orpheline")  # left over: no article at all
    return {
        name: Tag.objects.get(name=name)
        for name in ("fusion-chu-nord", "fusion-publiee", "fusion-jetee", "fusion-orpheline")
    } | {"colleague": colleague}


HIDDEN = ("fusion-chu-nord", "fusion-jetee", "fusion-orpheline")


@pytest.mark.parametrize("name", HIDDEN)
def test_hidden_tag_is_a_404_on_every_object_view(journalist, tags, name):
    client = logged_in_reporting_500s(journalist)
    for url in urls(tags[name].pk):
        response = client.get(url)
        assert response.status_code == 404, url
        assert name not in response.content.decode()
    assert name not in client.get(CHANGELIST).content.decode()


def test_unknown_and_malformed_ids_are_404s_too(journalist, tags):
    client = logged_in_reporting_500s(journalist)
    for tag_id in ("999999", "abc", "99999999999999999999999"):
        for url in urls(tag_id):
            response = client.get(url)
            assert response.status_code == 404, url
            assert "Page introuvable" in response.content.decode(), url


def test_visible_tag_is_read_only_for_a_journalist(journalist, tags):
    client = logged_in_reporting_500s(journalist)
    published = tags["fusion-publiee"]
    change, history, delete = urls(published.pk)
    response = client.get(change)
    assert response.status_code == 200
    assert 'name="name"' not in response.content.decode()  # no input: read-only
    assert client.get(history).status_code == 200
    assert client.get(delete).status_code == 403
    assert client.get(f"{CHANGELIST}add/").status_code == 403


def test_forged_change_delete_and_add_change_nothing(journalist, tags):
    client = logged_in_reporting_500s(journalist)
    before = sorted(Tag.objects.values_list("pk", "name", "slug"))
    for name in HIDDEN:
        change, _history, delete = urls(tags[name].pk)
        assert client.post(change, {"name": "pirate", "slug": "pirate"}).status_code == 404
        assert client.post(delete, {"post": "yes"}).status_code == 404
    change, _history, delete = urls(tags["fusion-publiee"].pk)
    assert client.post(change, {"name": "pirate", "slug": "pirate"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.post(f"{CHANGELIST}add/", {"name": "pirate", "slug": "pirate"}).status_code == 403
    assert sorted(Tag.objects.values_list("pk", "name", "slug")) == before


def tagged_rows():
    return sorted(TaggedItem.objects.values_list("tag_id", "object_id"))


@pytest.mark.parametrize("action", ["render_tag_form", "delete_selected"])
def test_forged_merge_and_delete_actions_are_refused(journalist, tags, action):
    client = logged_in_reporting_500s(journalist)
    before_tags, before_items = Tag.objects.count(), tagged_rows()
    ids = [str(tags[name].pk) for name in ("fusion-chu-nord", "fusion-publiee")]
    response = client.post(
        CHANGELIST, {"action": action, "_selected_action": ids, "index": "0", "post": "yes"}
    )
    assert response.status_code in (200, 302)
    assert "selected_tag_ids" not in client.session
    # taggit's merge view, called directly with a selection of its own making.
    session = client.session
    session["selected_tag_ids"] = ",".join(ids)
    session.save()
    assert client.get(MERGE).status_code == 403
    assert client.post(MERGE, {"new_tag_name": "fusion-pirate"}).status_code == 403
    assert Tag.objects.count() == before_tags
    assert tagged_rows() == before_items


def test_editor_merges_the_selected_tags(editor, tags):
    client = logged_in_reporting_500s(editor)
    ids = [str(tags[name].pk) for name in ("fusion-chu-nord", "fusion-publiee")]
    response = client.post(
        CHANGELIST, {"action": "render_tag_form", "_selected_action": ids, "index": "0"}
    )
    assert response.status_code == 302 and response["Location"] == MERGE
    assert client.get(MERGE).status_code == 200
    # A line break in the new name: refused, nothing merged.
    response = client.post(MERGE, {"new_tag_name": "fusion\nhôpitaux"})
    assert response.status_code == 302
    assert not Tag.objects.filter(name__startswith="fusion\n").exists()
    assert Tag.objects.filter(pk__in=ids).count() == 2
    response = client.post(MERGE, {"new_tag_name": "fusion-hôpitaux"})
    assert response.status_code == 302
    merged = Tag.objects.get(name="fusion-hôpitaux")
    colleague = tags["colleague"]
    assert list(colleague.tags.names()) == ["fusion-hôpitaux"]
    assert Article.objects.filter(tags=merged).count() == 2


def test_merge_of_tags_deleted_meanwhile_is_not_a_500(editor, tags):
    client = logged_in_reporting_500s(editor)
    session = client.session
    session["selected_tag_ids"] = "999999,abc,"
    session.save()
    response = client.post(MERGE, {"new_tag_name": "fusion-x"})
    assert response.status_code == 302
    assert not Tag.objects.filter(name="fusion-x").exists()


def test_editor_sees_every_tag(editor, tags):
    html = logged_in_reporting_500s(editor).get(CHANGELIST, {"q": "fusion"}).content.decode()
    for name in (*HIDDEN, "fusion-publiee"):
        assert name in html
    for url in urls(tags["fusion-chu-nord"].pk):
        assert logged_in_reporting_500s(editor).get(url).status_code == 200


def test_journalist_tag_list_runs_a_fixed_number_of_queries(journalist, make_article):
    client = logged_in_reporting_500s(journalist)
    counts = []
    for start, count in ((0, 3), (3, 30)):
        for i in range(start, start + count):
            make_article(title=f"Publié {i}", tags=[f"sujet-{i}", "hôpital"])
            make_article(title=f"À moi {i}", status=Status.DRAFT, created_by=journalist,
                         tags=[f"brouillon-{i}"])  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CHANGELIST)
        assert response.status_code == 200
        counts.append(len(queries))
    assert f"brouillon-{32}" in response.content.decode()
    assert counts[0] == counts[1], counts


def test_tag_of_a_draft_the_journalist_signs_is_theirs(journalist, other_journalist, tags):
    author = tags["colleague"].authors.get()
    author.user = journalist
    author.save()
    client = logged_in_reporting_500s(journalist)
    assert "fusion-chu-nord" in client.get(CHANGELIST).content.decode()
    change, _history, _delete = urls(tags["fusion-chu-nord"].pk)
    assert client.get(change).status_code == 200


def test_outsiders_get_no_tag_admin(reader, tags, client):
    assert client.get(CHANGELIST).status_code == 302  # to the login page
    assert logged_in_reporting_500s(reader).get(CHANGELIST).status_code == 302

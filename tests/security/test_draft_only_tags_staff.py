"""A tag used only on a colleague's unpublished article is that colleague's unpublished
work: a journalist does not get its name from the admin either.

Found on the served demo (H8's tour): the article list's tag filter already keeps to the
articles the journalist may see, but taggit's own admin (list and search, with the
journalist's ``view_tag``) and the admin autocomplete (``field_name=tags``) list every tag,
so "fusion-chu-nord" typed on a colleague's draft reads in the journalist's admin.
Editors still see every tag; tags of published articles and the journalist's own stay.
"""

import pytest

from articles.models import Status
from tests.helpers import logged_in_reporting_500s

AUTOCOMPLETE = "/admin/autocomplete/"


@pytest.fixture
def tagged(make_article, journalist, other_journalist):
    make_article(title="Brouillon du collègue", status=Status.DRAFT, created_by=other_journalist,
                 tags=["fusion-chu-nord"])  # fmt: skip
    make_article(title="Mon brouillon", status=Status.DRAFT, created_by=journalist,
                 tags=["fusion-ma-piste"])  # fmt: skip
    make_article(title="En ligne", tags=["fusion-publiee"])


def tag_texts(client):
    listing = client.get("/admin/taggit/tag/", {"q": "fusion"})
    found = client.get(
        AUTOCOMPLETE,
        {"term": "fusion", "app_label": "articles", "model_name": "article", "field_name": "tags"},
    )
    texts = []
    if listing.status_code == 200:
        texts.append(listing.content.decode())
    if found.status_code == 200:
        texts.append(found.content.decode())
    return "\n".join(texts)


def test_journalist_does_not_read_a_colleagues_draft_only_tag(journalist, tagged):
    texts = tag_texts(logged_in_reporting_500s(journalist))
    assert "fusion-chu-nord" not in texts
    # Not a blanket refusal: what they may see, they still find.
    assert "fusion-publiee" in texts
    assert "fusion-ma-piste" in texts


def test_editor_reads_every_tag(editor, tagged):
    texts = tag_texts(logged_in_reporting_500s(editor))
    for name in ("fusion-chu-nord", "fusion-ma-piste", "fusion-publiee"):
        assert name in texts

"""Search is live: no shared cache may keep its results, and a browser must ask again."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["?q=hôpital", "", "?q=budget&page=1"])
def test_search_answers_must_be_revalidated(client, make_article, query):
    make_article(title="Le budget des hôpitaux")
    response = client.get(f"/recherche/{query}")
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-cache", "max-age=0"} <= directives
    assert response.get("X-Cache") == "bypass"

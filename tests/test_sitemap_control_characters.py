"""A title saved with a control character (an import, a script, an old row) never makes
/sitemap-news.xml or a feed unreadable: XML 1.0 cannot carry "\\x01", and one such title
made the whole file fail to parse. The admin refuses them (test_single_line_fields); what
got in another way is folded onto one line, control characters dropped.
"""

import pytest
from lxml import etree

from tests.test_sitemaps import NS, SCHEMAS

HOST = "www.example.fr"


@pytest.fixture(autouse=True)
def public_host(settings):
    settings.ALLOWED_HOSTS = [HOST]


@pytest.fixture
def odd_title(make_article):
    return make_article(title="Budget\x01 de la\r\nSécu\x1f 2026 <b>&")


def test_news_sitemap_stays_valid_xml(client, odd_title):
    response = client.get("/sitemap-news.xml", headers={"host": HOST}, secure=True)
    assert response.status_code == 200
    root = etree.fromstring(response.content)  # raises on a control character
    assert SCHEMAS["sitemap-with-news"].validate(root), SCHEMAS["sitemap-with-news"].error_log
    titles = [t.text for t in root.iterfind("sm:url/news:news/news:title", NS)]
    assert titles == ["Budget de la Sécu 2026 <b>&"]


def test_feeds_stay_valid_xml(client, odd_title):
    for url in ("/flux/", f"/flux/rubriques/{odd_title.section.path}/"):
        response = client.get(url, headers={"host": HOST}, secure=True)
        assert response.status_code == 200, url
        root = etree.fromstring(response.content)
        assert "Sécu 2026" in root.findtext("channel/item/title")

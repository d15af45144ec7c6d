"""Issue 12: denser lists. A list card's picture is a thumbnail: its ``sizes`` says so,
and the browser picks the smallest rendition (320 px wide) from the srcset."""

import pytest
from lxml import html

pytestmark = pytest.mark.django_db

LIST_SIZES = "(min-width: 40rem) 10rem, 6rem"


def cards(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content).xpath('//main//article[contains(@class, "card")]')


@pytest.fixture
def illustrated(make_article, make_library_image, author, sections):
    image = make_library_image()
    return [
        make_article(title=f"Article illustré {i}", hero_image=image, tags=["Hôpital"])
        for i in range(3)
    ]


def test_list_pages_show_thumbnails(client, illustrated, sections, author):
    for url in (
        sections["politique"].get_absolute_url(),
        sections["financement"].get_absolute_url(),
        "/tags/hopital/",
        author.get_absolute_url(),
        "/recherche/",  # the latest articles, before any search
    ):
        found = cards(client, url)
        assert len(found) == 3, url
        for card in found:
            (img,) = card.xpath('.//a[@class="card__image"]//img')
            assert img.get("sizes") == LIST_SIZES, url
            assert "320w" in img.get("srcset")
            # width and height: no layout shift while the thumbnail loads.
            assert img.get("width") and img.get("height")
            assert img.get("loading") == "lazy"
            for source in card.xpath(".//source"):
                assert source.get("sizes") == LIST_SIZES


def test_home_cards_keep_their_own_sizes(client, make_article, make_library_image):
    image = make_library_image()
    make_article(title="La une", hero_image=image, featured=True, home_position=1)
    make_article(title="Deuxième une", hero_image=image, featured=True, home_position=2)
    make_article(title="Dans la rubrique", hero_image=image)
    doc = html.fromstring(client.get("/").content)
    sizes = {
        card.xpath(".//h3")[0].text_content(): card.xpath(".//img")[0].get("sizes")
        for card in doc.xpath("//main//article[.//img]")
    }
    assert sizes["Deuxième une"] == "(min-width: 64rem) 20rem, 6rem"
    assert sizes["Dans la rubrique"] == "(min-width: 48rem) 22rem, 6rem"
    assert sizes["La une"].startswith("(min-width: 72rem) 40rem")


@pytest.mark.parametrize("featured_count", [0, 1, 2, 3, 5])
@pytest.mark.parametrize("section_count", [3, 7])
def test_home_renders_any_number_of_featured_articles_and_sections(
    client, make_article, featured_count, section_count
):
    from articles.models import Section

    tops = [
        Section.objects.create(name=f"Rubrique {i}", slug=f"rubrique-{i}", position=10 + i)
        for i in range(section_count)
    ]
    for i, top in enumerate(tops):
        make_article(title=f"Dans la rubrique {i}", section=top)
    for i in range(featured_count):
        make_article(title=f"À la une {i}", featured=True, home_position=i + 1, section=tops[0])
    doc = html.fromstring(client.get("/").content)
    assert len(doc.xpath("//h1")) == 1
    assert len(doc.xpath('//div[@class="featured__lead"]')) == (1 if featured_count else 0)
    assert len(doc.xpath('//ul[@class="featured__others"]/li')) == max(featured_count - 1, 0)
    # The other featured stories: title, no standfirst (brief cards), in one row.
    assert not doc.xpath('//ul[@class="featured__others"]//p[@class="card__standfirst"]')
    assert len(doc.xpath('//section[@class="home-block"]')) == section_count

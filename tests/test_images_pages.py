"""Library images on public pages: hero figure, body figures, card pictures; bounded queries."""

import re

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

SRCSET_ENTRY = re.compile(r"^/media/images/renditions/\S+\.(?P<ext>webp|jpg) (?P<w>\d+)w$")


def parse(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def srcset_widths(srcset, ext):
    entries = [SRCSET_ENTRY.match(part.strip()) for part in srcset.split(",")]
    assert all(entries), srcset
    assert {e["ext"] for e in entries} == {ext}
    return [int(e["w"]) for e in entries]


def check_picture(picture, *, alt, loading):
    """WebP <source> then a JPEG <img> with srcset, sizes, width/height, alt, loading."""
    # ".//": libxml2 does not know <source> is a void element and nests the <img> in it.
    (webp,) = picture.xpath(".//source")
    assert webp.get("type") == "image/webp"
    assert len(srcset_widths(webp.get("srcset"), "webp")) >= 2
    assert webp.get("sizes")
    (img,) = picture.xpath(".//img")
    assert img.get("src").endswith(".jpg")
    assert srcset_widths(img.get("srcset"), "jpg") == srcset_widths(webp.get("srcset"), "webp")
    assert img.get("sizes") == webp.get("sizes")
    assert int(img.get("width")) > 0 and int(img.get("height")) > 0
    assert img.get("alt") == alt
    assert img.get("loading") == loading
    return img


@pytest.fixture
def hero(make_library_image):
    return make_library_image(
        size=(1600, 1000),
        alt_text="Une infirmière dans un couloir",
        caption="Légende de la photothèque",
        credit="© Jeanne Martin / Agence Santé Presse",
    )


@pytest.fixture
def inline(make_library_image):
    return make_library_image(
        size=(1000, 750), alt_text="Graphique des dépenses", caption="Dépenses", credit="Drees"
    )


@pytest.fixture
def illustrated(make_article, hero, inline):
    return make_article(
        title="Article illustré",
        hero_image=hero,
        hero_caption="Au service des urgences du CHU",
        body=(
            "<p>Premier paragraphe.</p>"
            f'<figure data-image="{inline.pk}"><figcaption>Les dépenses en 2024</figcaption>'
            "</figure><p>Suite du texte.</p>"
        ),
    )


def test_hero_figure(client, illustrated):
    root = parse(client.get(illustrated.get_absolute_url()))
    (figure,) = root.xpath('//figure[contains(@class, "figure--hero")]')
    (picture,) = figure.xpath("picture")
    img = check_picture(picture, alt="Une infirmière dans un couloir", loading="eager")
    assert (int(img.get("width")), int(img.get("height"))) == (960, 600)
    caption = figure.xpath("figcaption")[0].text_content()
    assert "Au service des urgences du CHU" in caption  # the article's own caption
    assert "Légende de la photothèque" not in caption
    assert "© Jeanne Martin / Agence Santé Presse" in caption
    # Between the header and the body.
    assert figure.getprevious().tag == "header"


def test_hero_falls_back_to_the_library_caption(client, make_article, hero):
    article = make_article(hero_image=hero)
    root = parse(client.get(article.get_absolute_url()))
    caption = root.xpath('//figure[contains(@class, "figure--hero")]/figcaption')[0]
    assert "Légende de la photothèque" in caption.text_content()
    assert caption.xpath('.//*[@class="figure__credit"]')[0].text_content() == (
        "© Jeanne Martin / Agence Santé Presse"
    )


def test_body_figure(client, illustrated):
    root = parse(client.get(illustrated.get_absolute_url()))
    body = root.xpath('//div[contains(@class, "article__body")]')[0]
    assert [p.text_content() for p in body.xpath("p")] == ["Premier paragraphe.", "Suite du texte."]
    (figure,) = body.xpath('figure[contains(@class, "figure--body")]')
    check_picture(figure.xpath("picture")[0], alt="Graphique des dépenses", loading="lazy")
    caption = figure.xpath("figcaption")[0].text_content()
    assert "Les dépenses en 2024" in caption
    assert "© Drees" in caption
    assert not figure.get("data-image")


def test_body_without_figures_is_rendered_as_html(client, make_article):
    article = make_article(body="<h2>Contexte</h2><p>Un texte <strong>important</strong>.</p>")
    root = parse(client.get(article.get_absolute_url()))
    body = root.xpath('//div[contains(@class, "article__body")]')[0]
    assert body.xpath("h2")[0].text_content() == "Contexte"
    assert body.xpath("p/strong")[0].text_content() == "important"
    assert not root.xpath("//figure")


def test_decorative_image_has_empty_alt(client, make_article, make_library_image):
    article = make_article(hero_image=make_library_image(alt_text="", is_decorative=True))
    root = parse(client.get(article.get_absolute_url()))
    (img,) = root.xpath('//figure[contains(@class, "figure--hero")]//img')
    assert img.get("alt") == ""


def test_missing_body_image_disappears(client, make_article):
    article = make_article(body='<p>Avant.</p><figure data-image="999999"></figure><p>Après.</p>')
    root = parse(client.get(article.get_absolute_url()))
    assert not root.xpath("//figure")
    assert "Après." in root.xpath('//div[contains(@class, "article__body")]')[0].text_content()


def card_pictures(root):
    return root.xpath(
        '//article[contains(@class, "card")]//picture[contains(@class, "picture--card")]'
    )


def test_cards_show_lazy_cropped_pictures(client, make_article, sections, author, hero, inline):
    lead = make_article(title="À la une", hero_image=hero, featured=True, home_position=1)
    other = make_article(title="Autre une", hero_image=inline, featured=True, home_position=2)
    make_article(title="Sans image", featured=True, home_position=3)
    section_only = make_article(
        title="En rubrique", hero_image=inline, section=sections["esante"], tags=["PLFSS"]
    )
    assert lead.pk and other.pk and section_only.pk

    home = parse(client.get("/"))
    pictures = card_pictures(home)
    assert len(pictures) == 3  # the two illustrated featured cards and the e-santé block
    lead_img = check_picture(pictures[0], alt="Une infirmière dans un couloir", loading="eager")
    for picture in pictures[1:]:
        img = check_picture(picture, alt=picture.xpath(".//img")[0].get("alt"), loading="lazy")
        # A 3:2 crop.
        assert int(img.get("width")) * 2 == int(img.get("height")) * 3
    assert int(lead_img.get("width")) * 2 == int(lead_img.get("height")) * 3

    for url in [sections["esante"].get_absolute_url(), "/tags/plfss/", author.get_absolute_url()]:
        pictures = card_pictures(parse(client.get(url)))
        assert pictures, url
        for picture in pictures:
            alt = picture.xpath(".//img")[0].get("alt")
            assert alt in {"Graphique des dépenses", "Une infirmière dans un couloir"}
            check_picture(picture, alt=alt, loading="lazy")


def test_pages_never_generate_renditions(client, illustrated, media_root):
    before = sorted(p for p in media_root.rglob("*") if p.is_file())
    for url in ["/", illustrated.get_absolute_url(), illustrated.section.get_absolute_url()]:
        client.get(url)
    assert sorted(p for p in media_root.rglob("*") if p.is_file()) == before


# --- Query counts ---------------------------------------------------------------------------


def count_queries(client, url):
    client.get(url)  # warm-up (content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def illustrate(make_article, make_library_image, sections, author):
    """illustrate(n): n illustrated articles, featured, tagged, each with a body figure."""
    made = []

    def illustrate(n):
        for _ in range(n):
            k = len(made)
            image = make_library_image(size=(480, 320), alt_text=f"Photo {k}", credit=f"Auteur {k}")
            made.append(
                make_article(
                    title=f"Illustré {k}",
                    hero_image=image,
                    body=f'<p>Texte.</p><figure data-image="{image.pk}"></figure>',
                    section=[sections["politique"], sections["esante"]][k % 2],
                    featured=k % 3 == 0,
                    home_position=k,
                    tags=["PLFSS", f"tag {k}"],
                )
            )
        return made

    return illustrate


@pytest.mark.page_cache_off  # counts the render's queries (a page cache hit has none)
def test_list_pages_with_images_have_constant_queries(client, illustrate, sections, author):
    urls = {
        "home": "/",
        "section": sections["financement"].get_absolute_url(),
        "tag": "/tags/plfss/",
        "author": author.get_absolute_url(),
    }
    illustrate(2)
    small = {page: count_queries(client, url) for page, url in urls.items()}
    illustrate(18)
    assert {page: count_queries(client, url) for page, url in urls.items()} == small


@pytest.mark.page_cache_off  # counts the render's queries (a page cache hit has none)
def test_article_page_with_images_has_constant_queries(client, make_article, illustrate, inline):
    def body(figures):
        return "".join(f'<p>§{n}</p><figure data-image="{inline.pk}"></figure>' for n in figures)

    article = make_article(title="Mesuré", hero_image=inline, body=body(range(1)), tags=["PLFSS"])
    illustrate(2)  # related articles, illustrated too
    small = count_queries(client, article.get_absolute_url())
    illustrate(18)
    article.body = body(range(8))
    article.save()
    large = count_queries(client, article.get_absolute_url())
    assert large == small
    # One query for all the figures of the body, none for the hero (select_related).
    article.body = "<p>Sans figure.</p>"
    article.save()
    assert count_queries(client, article.get_absolute_url()) == small - 1

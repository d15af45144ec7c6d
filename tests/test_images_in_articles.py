"""Library images on articles: hero image, body figures, where an image is used."""

import pytest

from images.usage import usages


@pytest.fixture
def photo(make_library_image):
    return make_library_image(alt_text="Bloc opératoire", caption="Au CHU", credit="Jeanne Martin")


def test_usages_lists_hero_and_body_figures(make_article, photo):
    hero = make_article(title="Le bloc en tension", hero_image=photo)
    figure = make_article(
        title="Chirurgie ambulatoire",
        body=f'<p>Texte.</p><figure data-image="{photo.pk}"></figure>',
    )
    make_article(title="Sans image")
    labels = [usage.label for usage in usages(photo)]
    assert labels == [
        "Image principale : Le bloc en tension",
        "Figure dans le texte : Chirurgie ambulatoire",
    ]
    assert all(usage.admin_url.startswith("/admin/articles/article/") for usage in usages(photo))
    assert {u.public_url for u in usages(photo)} == {
        hero.get_absolute_url(),
        figure.get_absolute_url(),
    }


def test_an_image_in_use_cannot_be_deleted(make_article, photo):
    from django.db.models import ProtectedError

    make_article(hero_image=photo)
    with pytest.raises(ProtectedError):
        photo.delete()


def test_body_figure_survives_sanitising(make_article, photo):
    article = make_article(
        body=f'<figure data-image="{photo.pk}" onclick="x"><figcaption>Vue du bloc</figcaption>'
        "<script>alert(1)</script></figure>"
    )
    assert (
        article.body
        == f'<figure data-image="{photo.pk}"><figcaption>Vue du bloc</figcaption></figure>'
    )

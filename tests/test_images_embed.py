"""Library images placed in an article body become the same responsive figures."""

import io

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template
from PIL import Image as PILImage

from images.embed import expand_figures, image_ids
from images.models import Image

# Uploads go to a throwaway folder (conftest's media_root), for every test here.
pytestmark = pytest.mark.usefixtures("media_root")


def make_image(caption=""):
    out = io.BytesIO()
    PILImage.new("RGB", (700, 500), "olive").save(out, "JPEG")
    image = Image(
        file=ContentFile(out.getvalue(), name="p.jpg"),
        alt_text="Un bloc opératoire",
        caption=caption,
        credit="CHU de Nantes",
    )
    image.save()
    return image


def test_placeholders_become_figures_with_one_query(db, django_assert_num_queries):
    first, second = make_image("Légende de la photothèque"), make_image()
    body = (
        f'<p>Avant.</p><figure data-image="{first.pk}"></figure><p>Entre.</p>'
        f'<figure data-image="{second.pk}"><figcaption>Propre &amp; <em>ici</em>'
        '</figcaption></figure><figure data-image="999999"></figure><p>Après.</p>'
    )
    assert image_ids(body) == [first.pk, second.pk, 999999]
    with django_assert_num_queries(1):
        html = expand_figures(body)
    assert html.count("<picture") == 2 and html.count('type="image/webp"') == 2
    assert 'loading="lazy"' in html and 'alt="Un bloc opératoire"' in html
    assert "Légende de la photothèque" in html
    assert "Propre &amp; ici" in html and "<em>" not in html
    assert "© CHU de Nantes" in html
    assert "999999" not in html and "<p>Après.</p>" in html


def test_bodies_without_figures_cost_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert expand_figures("<p>Texte.</p>") == "<p>Texte.</p>"
        assert (
            Template("{% load images %}{{ body|with_figures }}").render(Context({"body": ""})) == ""
        )

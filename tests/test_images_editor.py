"""Library images placed in the body through the rich-text editor's figure button.

The figure dialog's "Parcourir..." opens the photothèque picker; the editor then stores
<figure><img src="…" alt="…" data-file="42"><figcaption>…</figcaption></figure>, which
readers see as the same responsive figure as a hero image, with caption and credit.
"""

import html
import importlib
import io
import json
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.templatetags.static import static
from django.urls import reverse
from PIL import Image as PILImage

from articles.sanitize import sanitize_body
from images import admin as images_admin
from images.embed import (
    display_url,
    editor_figure,
    expand_figures,
    image_ids,
    upgrade_legacy_figures,
)
from images.usage import usages
from newsroom import roles

PICKER = "/admin/images/image/choisir/"
CHOICE = re.compile(r"<button[^>]*data-image-id=\"(\d+)\"[^>]*>")


@pytest.fixture
def photo(make_library_image):
    return make_library_image(
        alt_text="Bloc opératoire", caption="Au CHU de Nantes", credit="Jeanne Martin"
    )


@pytest.fixture
def library(make_library_image, photo):
    return [
        photo,
        make_library_image(alt_text="Pharmacienne", caption="Officine", credit="Reuters"),
        make_library_image(is_decorative=True, alt_text="", credit="Rédaction"),
    ]


@pytest.fixture
def journalist_in_role(journalist):
    """A journalist as the roles make them: image permissions through the group (the
    ``journalist`` fixture is in it already)."""
    journalist.groups.add(Group.objects.get(name=roles.JOURNALIST))
    return journalist


# -- The editor offers the picker ----------------------------------------------------


def editor_config(page):
    found = re.search(r'data-django-prose-editor-configurable="([^"]*)"', page)
    assert found, "the body is not edited with the prose editor"
    return json.loads(html.unescape(found[1]))


def test_article_form_offers_figures_with_the_picker(admin_client, make_article):
    article = make_article()
    response = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    extensions = editor_config(response.content.decode())["extensions"]
    assert extensions["Figure"] == {"pickerUrl": PICKER}
    assert extensions["Caption"] and extensions["Image"]


# -- The picker ------------------------------------------------------------------------


def test_picker_lists_the_library_with_what_the_editor_needs(client, journalist_in_role, library):
    client.force_login(journalist_in_role)
    response = client.get(PICKER, {"CKEditorFuncNum": "-1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choisir une image" in page and 'data-func-num="-1"' in page
    assert [int(pk) for pk in CHOICE.findall(page)] == [image.pk for image in reversed(library)]
    photo = library[0]
    # The editor gets the 960-pixel JPEG rendition, the id, the alt text and the caption.
    assert display_url(photo).endswith(".jpg") and "default-960w-" in display_url(photo)
    assert (
        f'data-image-id="{photo.pk}" data-url="{display_url(photo)}" '
        'data-alt="Bloc opératoire" data-caption="Au CHU de Nantes"'
    ) in page
    assert page.count("/card-320w-") == 3  # thumbnails: renditions made on upload
    assert static("images/admin/picker.js") in page
    add = reverse("admin:images_image_add")
    assert f'href="{add}?CKEditorFuncNum=-1">Importer une image</a>' in page


@pytest.mark.parametrize(
    ("term", "expected"), [("opératoire", 1), ("officine", 1), ("reuters", 1), ("zzz", 0)]
)
def test_picker_searches_alt_text_caption_and_credit(admin_client, library, term, expected):
    response = admin_client.get(PICKER, {"q": term, "CKEditorFuncNum": "-2"})
    assert response.status_code == 200
    assert len(CHOICE.findall(response.content.decode())) == expected
    assert 'name="CKEditorFuncNum" value="-2"' in response.content.decode()


def test_picker_pages_with_a_constant_number_of_queries(
    admin_client, make_library_image, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(images_admin, "PICKER_PER_PAGE", 2)
    make_library_image(), make_library_image()
    admin_client.get(PICKER)  # session warmed up
    with django_assert_num_queries(4) as small:
        admin_client.get(PICKER, {"CKEditorFuncNum": "-1"})
    for _ in range(3):
        make_library_image()
    with django_assert_num_queries(len(small.captured_queries)):
        response = admin_client.get(PICKER, {"CKEditorFuncNum": "-1", "page": "2"})
    page = response.content.decode()
    assert len(CHOICE.findall(page)) == 2 and "Page 2 sur 3" in page
    assert "CKEditorFuncNum=-1&amp;page=3" in page and "CKEditorFuncNum=-1&amp;page=1" in page


@pytest.mark.parametrize(
    "params",
    [{"page": "zzz"}, {"page": "999"}, {"q": "x" * 5000}, {"CKEditorFuncNum": '1"><script>'}],
)
def test_picker_survives_bad_input(admin_client, library, params):
    response = admin_client.get(PICKER, params)
    assert response.status_code == 200
    assert '"><script>' not in response.content.decode()


def test_picker_without_the_editor_links_to_the_images(admin_client, photo):
    page = admin_client.get(PICKER).content.decode()
    assert not CHOICE.findall(page)
    assert reverse("admin:images_image_change", args=[photo.pk]) in page
    assert "« Parcourir... »" in page


def test_picker_needs_the_view_image_permission(client, django_user_model, reader, photo):
    # Staff with the « Journaliste » group's rights on articles, none on the photothèque.
    staff = django_user_model.objects.create_user(username="sans-phototheque", is_staff=True)
    staff.user_permissions.set(
        Group.objects.get(name=roles.JOURNALIST).permissions.exclude(
            content_type__app_label="images"
        )
    )
    client.force_login(staff)
    refused = client.get(PICKER)
    assert refused.status_code == 403
    assert "Bloc opératoire" not in refused.content.decode() and not CHOICE.findall(
        refused.content.decode()
    )
    client.force_login(reader)  # not staff: the admin's login page
    response = client.get(PICKER)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.logout()
    assert client.get(PICKER).status_code == 302


def test_image_imported_from_the_picker_goes_back_to_it(client, journalist_in_role, media_root):
    client.force_login(journalist_in_role)
    out = io.BytesIO()
    PILImage.new("RGB", (800, 600), "navy").save(out, "JPEG")
    response = client.post(
        f"{reverse('admin:images_image_add')}?CKEditorFuncNum=-3",
        {
            "file": SimpleUploadedFile("nouvelle.jpg", out.getvalue(), "image/jpeg"),
            "alt_text": "Une ambulance",
            "credit": "SAMU 44",
            "caption": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{PICKER}?CKEditorFuncNum=-3"
    page = client.get(response["Location"]).content.decode()
    assert 'data-alt="Une ambulance"' in page


# -- What the editor stores survives sanitising ----------------------------------------


def test_editor_figure_survives_sanitising(make_article, photo):
    url = display_url(photo)
    article = make_article(
        body=f'<p>Avant.</p><figure class="figure"><img src="{url}" alt="Bloc" '
        f'data-file="{photo.pk}" onerror="alert(1)" style="x"><figcaption>Vue '
        "<strong>du</strong> bloc</figcaption></figure>"
        '<figure><img src="javascript:alert(1)" data-file="1"></figure>'
        '<p><img src="data:image/png;base64,AAAA"><img src="x" onerror="alert(2)">'
        '<img src="https://www.has-sante.fr/logo.png" alt="HAS" data-file="7 onload"></p>'
    )
    assert article.body == (
        f'<p>Avant.</p><figure><img src="{url}" alt="Bloc" data-file="{photo.pk}">'
        "<figcaption>Vue <strong>du</strong> bloc</figcaption></figure><figure></figure>"
        '<p><img src="https://www.has-sante.fr/logo.png" alt="HAS"></p>'
    )
    # What the seed (and the picker) produce is already clean.
    assert sanitize_body(editor_figure(photo, "Légende")) == editor_figure(photo, "Légende")


# -- Readers see the responsive figure ------------------------------------------------


def test_editor_figure_renders_as_a_responsive_figure(client, make_article, photo):
    article = make_article(
        body=f"<p>Avant.</p>{editor_figure(photo, 'Le bloc rénové')}<p>Après.</p>"
    )
    page = client.get(article.get_absolute_url()).content.decode()
    body = page.split('class="article__body prose"')[1]
    figure = body.split("<figure", 1)[1].split("</figure>", 1)[0]
    assert '<source type="image/webp"' in figure and "-320w-" in figure
    assert re.search(r'<img src="[^"]+default-960w-[^"]+\.jpg" srcset="[^"]+ 320w, ', figure)
    assert 'width="960" height="640"' in figure and 'loading="lazy"' in figure
    assert 'alt="Bloc opératoire"' in figure
    assert "Le bloc rénové" in figure and "© Jeanne Martin" in figure
    assert "Au CHU de Nantes" not in figure  # the editor's caption wins
    assert "data-file" not in body


def test_legacy_placeholders_still_render(client, make_article, photo):
    article = make_article(body=f'<figure data-image="{photo.pk}"></figure><p>Suite.</p>')
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<picture" in page and "Au CHU de Nantes" in page and "© Jeanne Martin" in page


def test_figures_of_missing_images_do_not_break_the_page(client, make_article, photo):
    gone = '<figure><img src="/media/x.jpg" alt="Disparue" data-file="999999"></figure>'
    article = make_article(
        body=f'{gone}<figure data-image="999998"><figcaption>Partie</figcaption></figure>'
        '<figure><img src="https://example.org/a.png" alt="Ailleurs"><figcaption>Externe'
        "</figcaption></figure><p>Fin.</p>"
    )
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Disparue" not in page and "Partie" not in page and "999999" not in page
    # An outside image (no data-file) stays the plain, sanitised <img> it was.
    assert '<img src="https://example.org/a.png" alt="Ailleurs">' in page
    assert "<p>Fin.</p>" in page


def test_both_formats_cost_one_query(db, library, django_assert_num_queries):
    first, second, decorative = library
    body = (
        f'<figure data-image="{first.pk}"></figure>'
        f'<figure><img src="/a.jpg" alt="" data-file="{second.pk}"></figure>'
        f'<figure><img src="/b.jpg" alt="Une vue" data-file="{decorative.pk}">'
        "<figcaption>Vue</figcaption></figure>"
    )
    assert image_ids(body) == [first.pk, second.pk, decorative.pk]
    with django_assert_num_queries(1):
        rendered = expand_figures(body)
    assert rendered.count("<picture") == 3
    # No alt typed in the editor: the library's; one typed: that one.
    assert 'alt="Pharmacienne"' in rendered and 'alt="Une vue"' in rendered
    assert "Officine" in rendered  # library caption when the editor left none


def test_usages_find_editor_figures(make_article, library):
    photo, other, _ = library
    make_article(title="Au bloc", body=editor_figure(photo))
    make_article(title="Ancien format", body=f'<figure data-image="{photo.pk}"></figure>')
    make_article(title="Autre image", body=editor_figure(other))
    labels = sorted(usage.label for usage in usages(photo))
    assert labels == ["Figure dans le texte : Ancien format", "Figure dans le texte : Au bloc"]


def test_image_taken_out_of_its_figure_keeps_its_credit(db, photo):
    # The editor's "Remove caption" leaves the library <img> alone in the body.
    body = f'<p>Texte.</p><img src="/a.jpg" alt="" data-file="{photo.pk}"><p>Suite.</p>'
    rendered = expand_figures(sanitize_body(body))
    assert rendered.count("<picture") == 1 and "© Jeanne Martin" in rendered
    assert "Au CHU de Nantes" not in rendered  # the caption was removed on purpose
    assert re.fullmatch(r"<p>Texte\.</p><figure .*</figure>\s*<p>Suite\.</p>", rendered, re.S)


# -- Older placeholders are upgraded before the editor sees them -----------------------


def test_legacy_placeholders_become_editor_figures(db, library, django_assert_num_queries):
    photo, other, _ = library
    body = (
        f'<p>A.</p><figure data-image="{photo.pk}"><figcaption>Vue <em>du</em> bloc'
        f'</figcaption></figure><figure data-image="{other.pk}"></figure>'
        '<figure data-image="999999"><figcaption>Perdue</figcaption></figure>'
    )
    with django_assert_num_queries(1):
        upgraded = upgrade_legacy_figures(body)
    assert upgraded == (
        f"<p>A.</p>{editor_figure(photo)[:-9]}<figcaption>Vue <em>du</em> bloc</figcaption>"
        f'</figure>{editor_figure(other)}<figure data-image="999999"><figcaption>Perdue'
        "</figcaption></figure>"
    )
    assert sanitize_body(upgraded) == upgraded
    # Readers see exactly the same page.
    assert expand_figures(upgraded) == expand_figures(body)
    assert upgrade_legacy_figures("<p>Rien.</p>") == "<p>Rien.</p>"


def test_migration_upgrades_stored_bodies(make_article, photo):
    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("images.migrations.0003_upgrade_body_figures")
    legacy = make_article(body=f'<figure data-image="{photo.pk}"></figure><p>Fin.</p>')
    plain = make_article(body="<p>Sans figure.</p>")
    migration.upgrade(apps, SimpleNamespace(connection=connection))
    legacy.refresh_from_db(), plain.refresh_from_db()
    assert legacy.body == f"{editor_figure(photo)}<p>Fin.</p>"
    assert plain.body == "<p>Sans figure.</p>"

"""Sections, tags, authors, images, the call-to-action box and redirects: editing one
refreshes the cached pages that show it, and only those."""

import pytest

from articles.models import CallToAction, Section
from authors.models import Author

pytestmark = pytest.mark.django_db


def text(seen, url):
    return seen(url)[1].content.decode()


def test_section_rename_shows_on_every_page_naming_it(story, sections, warm, seen):
    urls = ["/", story.get_absolute_url(), "/tags/hopital/"]
    warm(*urls)
    politique = sections["politique"]
    politique.name = "Politiques de santé publique"
    politique.save()
    for url in urls:
        assert "Politiques de santé publique" in text(seen, url), url


def test_top_level_section_rename_refreshes_the_menu_everywhere(story, sections, warm, seen):
    warm("/", story.get_absolute_url())
    esante = sections["esante"]
    esante.name = "Numérique en santé"
    esante.save()
    assert "Numérique en santé" in text(seen, story.get_absolute_url())
    assert "Numérique en santé" in text(seen, "/")


def test_a_new_subsection_appears_in_the_menu_of_every_cached_page(story, sections, warm, seen):
    """The phone menu lists the sub-sections: a new one is there on pages cached before."""
    warm("/", story.get_absolute_url(), "/tags/hopital/")
    Section.objects.create(name="Santé mentale", slug="sante-mentale", parent=sections["esante"])
    for url in ("/", story.get_absolute_url(), "/tags/hopital/"):
        assert "Santé mentale" in text(seen, url), url


def test_moving_a_section_refreshes_its_old_and_new_parents(story, sections, warm, seen):
    old_parent = sections["financement"].get_absolute_url()
    new_parent = sections["esante"].get_absolute_url()
    old_address = story.get_absolute_url()
    warm(old_parent, new_parent, old_address)
    politique = sections["politique"]
    politique.parent = sections["esante"]
    politique.save()
    assert "Le budget des hôpitaux" not in text(seen, old_parent)
    assert "Le budget des hôpitaux" in text(seen, new_parent)
    # The article moved with its section: its old address is no page any more.
    assert seen(old_address)[1].status_code in (301, 404)
    assert seen(story.get_absolute_url())[1].status_code == 200


def test_a_new_subsection_appears_on_its_parent(sections, story, warm, seen):
    warm(sections["financement"].get_absolute_url())
    Section.objects.create(
        name="Assurance maladie", slug="assurance", parent=sections["financement"]
    )
    assert "Assurance maladie" in text(seen, sections["financement"].get_absolute_url())


def test_tag_rename(story, warm, seen):
    from taggit.models import Tag

    warm(story.get_absolute_url(), "/tags/hopital/")
    tag = Tag.objects.get(name="hôpital")
    tag.name = "Hôpital public"
    tag.save()
    assert "Hôpital public" in text(seen, story.get_absolute_url())
    assert "Hôpital public" in text(seen, "/tags/hopital/")


def test_author_edit(story, author, warm, seen):
    warm(story.get_absolute_url(), author.get_absolute_url(), "/")
    author.name = "Claire Dubois-Martin"
    author.save()
    for url in (story.get_absolute_url(), author.get_absolute_url(), "/"):
        assert "Claire Dubois-Martin" in text(seen, url), url


def test_creating_an_unrelated_author_or_tag_changes_nothing(story, warm, seen):
    from taggit.models import Tag

    warm("/", story.get_absolute_url())
    Author.objects.create(name="Nouvelle plume")
    Tag.objects.create(name="Inutilisé")
    assert seen("/")[0] == "hit" and seen(story.get_absolute_url())[0] == "hit"


def test_image_alt_and_credit(make_article, make_library_image, warm, seen):
    image = make_library_image(alt_text="Couloir d'un hôpital", credit="Rédaction")
    article = make_article(title="Illustré", hero_image=image)
    warm(article.get_absolute_url(), "/")
    image.alt_text = "Salle d'attente des urgences"
    image.credit = "Photo AFP"
    image.save()
    page = text(seen, article.get_absolute_url())
    assert "Salle d" in page and "attente des urgences" in page and "Photo AFP" in page
    assert "attente des urgences" in text(seen, "/")


def test_call_to_action_box(story, warm, seen):
    warm(story.get_absolute_url(), "/")
    box = CallToAction.objects.create(text="Contactez notre service d'études")
    assert "notre service d" in text(seen, story.get_absolute_url())
    box.text = "Écrivez à la rédaction"
    box.save()
    assert "Écrivez à la rédaction" in text(seen, story.get_absolute_url())
    box.delete()
    assert "Écrivez à la rédaction" not in text(seen, story.get_absolute_url())
    # The home page shows no box: untouched.
    assert seen("/")[0] == "hit"


def test_resources_and_public_updates(story, warm, seen):
    from articles.models import Resource

    warm(story.get_absolute_url())
    Resource.objects.create(article=story, title="Le rapport complet", url="https://example.org/")
    assert "Le rapport complet" in text(seen, story.get_absolute_url())


def test_redirect_to_an_old_address(story, editor, warm, seen):
    from redirects.models import Redirect

    old = story.get_absolute_url()
    warm("/")
    story.slug = "nouvelle-adresse"
    story.save()
    Redirect.objects.get_or_create(old_path=old, defaults={"new_path": story.get_absolute_url()})
    response = seen(old)[1]
    assert response.status_code == 301
    assert seen(old)[1].status_code == 301  # a redirect is never stored as a page
    assert "nouvelle-adresse" in text(seen, "/")

"""Embargo probes: nothing public reveals unpublished work, not even as metadata.

An outsider probes every public surface for what a draft, a scheduled or an
unpublished article would give away: its author (page, feed, search filter, sitemap),
its tags (tag page, feed, search filter), its section's listing, its new title (a 301
from an old address). Each probe compares with what the site answers for something
that does not exist at all: the two must be indistinguishable.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article, Section, Status
from authors.models import Author
from redirects.models import Redirect
from tests.helpers import rename

NOW = timezone.now()


def hidden_states():
    """Every way an article is not (or no longer) public, as make_article fields."""
    return {
        "brouillon": {"status": Status.DRAFT},
        "en_relecture": {"status": Status.REVIEW},
        "corrections": {"status": Status.CHANGES_REQUESTED},
        "programme": {"status": Status.SCHEDULED, "published_at": NOW + timedelta(days=1)},
        "expire": {
            "published_at": NOW - timedelta(days=3),
            "unpublish_at": NOW - timedelta(days=1),
        },
        "depublie": {"status": Status.UNPUBLISHED, "published_at": NOW - timedelta(days=2)},
    }


HIDDEN = list(hidden_states())


@pytest.fixture(params=HIDDEN)
def secret(request, make_article, sections):
    """An author, a tag and a section known only through one hidden article."""
    author = Author.objects.create(name="Plume Secrète", slug="plume-secrete")
    section = Section.objects.create(name="Rubrique en préparation", slug="en-preparation")
    article = make_article(
        title="Scoop sous embargo",
        standfirst="Révélations à venir.",
        authors=[author],
        tags=["Dossier confidentiel"],
        section=section,
        **hidden_states()[request.param],
    )
    return {"author": author, "article": article, "section": section}


def page(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


def same_as_unknown(client, url, unknown_url):
    """Same status and same page as for an address that matches nothing."""
    status, body = page(client, url)
    unknown_status, unknown_body = page(client, unknown_url)
    assert status == unknown_status == 404, url
    return body


SECRETS = ["Plume Secrète", "plume-secrete", "Dossier confidentiel", "dossier-confidentiel",
           "Scoop sous embargo", "scoop-sous-embargo", "Révélations"]  # fmt: skip


def reveals(body):
    return [secret for secret in SECRETS if secret in body]


# ------------------------------------------------------------------ authors


def test_author_page_and_feed_are_404_like_an_unknown_author(client, secret):
    body = same_as_unknown(client, "/auteurs/plume-secrete/", "/auteurs/personne-inconnue/")
    assert reveals(body) == []
    body = same_as_unknown(
        client, "/flux/auteurs/plume-secrete/", "/flux/auteurs/personne-inconnue/"
    )
    assert reveals(body) == []


def test_search_does_not_offer_or_accept_the_author(client, secret):
    status, body = page(client, "/recherche/")
    assert status == 200 and reveals(body) == []
    _, filtered = page(client, "/recherche/?q=scoop&auteur=plume-secrete")
    _, unknown = page(client, "/recherche/?q=scoop&auteur=personne-inconnue")
    # The same refusal ("not a valid choice"), the typed value aside.
    assert filtered.replace("plume-secrete", "X") == unknown.replace("personne-inconnue", "X")
    assert "Plume Secrète" not in filtered


def test_sitemaps_leave_the_author_tag_and_article_out(client, secret):
    bodies = [page(client, url)[1] for url in ["/sitemap.xml", "/sitemap-news.xml"]]
    for name in ["articles", "tags", "auteurs", "rubriques"]:
        status, body = page(client, f"/sitemap-{name}.xml")
        assert status in (200, 404)
        bodies.append(body)
    assert [reveals(body) for body in bodies] == [[]] * len(bodies)


def test_the_author_appears_at_the_minute_of_publication(client, make_article, sections):
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    author = Author.objects.create(name="Nouvelle Plume", slug="nouvelle-plume")
    make_article(
        title="Premier article", status=Status.SCHEDULED, published_at=at, authors=[author]
    )
    urls = ["/auteurs/nouvelle-plume/", "/flux/auteurs/nouvelle-plume/"]
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert [client.get(url).status_code for url in urls] == [404, 404]
        assert "Nouvelle Plume" not in page(client, "/recherche/")[1]
    with time_machine.travel(at, tick=False):
        assert [client.get(url).status_code for url in urls] == [200, 200]
        assert "Nouvelle Plume" in page(client, "/recherche/")[1]


def test_an_author_with_a_published_article_shows_only_that_one(client, secret, make_article):
    make_article(title="Article déjà paru", authors=[secret["author"]])
    status, body = page(client, "/auteurs/plume-secrete/")
    assert status == 200 and "Article déjà paru" in body
    assert "Scoop sous embargo" not in body and "Dossier confidentiel" not in body


# ------------------------------------------------------------------ tags


@pytest.mark.parametrize(
    "typed", ["Dossier confidentiel", "dossier-confidentiel", "DOSSIER CONFIDENTIEL"]
)
def test_search_tag_filter_treats_a_draft_only_tag_as_unknown(client, secret, typed):
    _, draft_only = page(client, f"/recherche/?q=scoop&tag={typed}")
    _, unknown = page(client, "/recherche/?q=scoop&tag=Mot inexistant")
    assert "Aucun mot-clé ne porte ce nom." in draft_only

    def neutral(body, value):
        return re.sub(r'value="[^"]*"', "", body.replace(value, "X"))

    assert neutral(draft_only, typed) == neutral(unknown, "Mot inexistant")


def test_tag_page_and_feed_are_404(client, secret):
    for url, unknown in [
        ("/tags/dossier-confidentiel/", "/tags/mot-inexistant/"),
        ("/flux/tags/dossier-confidentiel/", "/flux/tags/mot-inexistant/"),
    ]:
        assert reveals(same_as_unknown(client, url, unknown)) == []


def test_a_tag_on_a_published_article_is_a_search_filter(client, make_article, secret):
    make_article(title="Paru avec le mot-clé", tags=["Dossier confidentiel"])
    _, body = page(client, "/recherche/?q=paru&tag=Dossier confidentiel")
    assert "Aucun mot-clé ne porte ce nom." not in body
    assert "Paru avec le mot-clé" in body
    assert "Scoop sous embargo" not in body


# ------------------------------------------------------------------ sections


def test_a_section_with_only_hidden_articles_lists_nothing(client, secret):
    # Sections are the site's public map: the page exists, empty, like any new section.
    for url in ["/en-preparation/", "/flux/rubriques/en-preparation/"]:
        status, body = page(client, url)
        assert status == 200 and reveals(body) == []
    assert reveals(page(client, "/")[1]) == []
    assert reveals(page(client, "/recherche/?q=scoop")[1]) == []
    assert reveals(page(client, "/flux/")[1]) == []
    assert client.get(secret["article"].get_absolute_url()).status_code == 404


# ------------------------------------------------------------------ redirects


@pytest.mark.parametrize("state", HIDDEN)
def test_renaming_a_hidden_article_reveals_nothing(client, make_article, state):
    article = make_article(title="Titre provisoire", **hidden_states()[state])
    old_url, new_url = rename(article, "le-vrai-titre-du-scoop")
    response = client.get(old_url)
    assert response.status_code == 404
    assert "le-vrai-titre" not in response.get("Location", "") + response.content.decode()


def test_an_unpublished_article_renamed_redirects_only_once_public_again(
    client, make_article, editor
):
    article = make_article(title="Ancien titre")
    workflow.perform(article, "unpublish", editor)
    old_url, new_url = rename(article, "nouveau-titre-en-preparation")
    # Readers knew the old address: the redirect is kept…
    assert Redirect.objects.filter(old_path=old_url, new_path=new_url).exists()
    # …but not served while the article is hidden: it would show the new title.
    response = client.get(old_url)
    assert response.status_code == 404
    assert "nouveau-titre" not in response.content.decode()

    article.refresh_from_db()
    workflow.perform(article, "publish", editor)
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, new_url)


def test_addresses_given_while_hidden_get_no_redirect(client, make_article, editor):
    article = make_article(title="Premier titre")
    seen_url = article.get_absolute_url()
    workflow.perform(article, "unpublish", editor)
    _, unseen_url = rename(article, "deuxieme-titre-jamais-vu")
    _, final_url = rename(article, "troisieme-titre")
    # Only the address readers saw leads to the article; nothing from the unseen one.
    assert list(Redirect.objects.values_list("old_path", "new_path")) == [(seen_url, final_url)]

    article.refresh_from_db()
    workflow.perform(article, "publish", editor)
    assert client.get(seen_url)["Location"] == final_url
    assert client.get(unseen_url).status_code == 404


def test_a_live_address_renamed_while_hidden_again_still_counts(client, make_article, editor):
    # Public at its second address, then hidden and renamed: both old addresses were seen.
    article = make_article(title="Version un")
    first_url, second_url = rename(article, "version-deux")
    workflow.perform(article, "unpublish", editor)
    _, third_url = rename(article, "version-trois")
    article.refresh_from_db()
    workflow.perform(article, "publish", editor)
    assert client.get(first_url)["Location"] == third_url
    assert client.get(second_url)["Location"] == third_url


def test_an_article_in_the_trash_is_not_followed(client, make_article):
    article = make_article(title="À jeter")
    old_url, new_url = rename(article, "a-jeter-renomme")
    assert client.get(old_url).status_code == 301
    Article.all_objects.filter(pk=article.pk).update(deleted_at=timezone.now())
    response = client.get(old_url)
    assert response.status_code == 404
    assert "a-jeter-renomme" not in response.content.decode()


def test_a_section_redirect_still_answers_for_any_address_below(client, make_article, sections):
    # Prefix redirects reveal nothing but the section's new (public) address.
    make_article(title="Paru", section=sections["esante"])
    esante = Section.objects.get(pk=sections["esante"].pk)
    esante.slug = "sante-numerique"
    esante.save()
    assert client.get("/e-sante/")["Location"] == "/sante-numerique/"

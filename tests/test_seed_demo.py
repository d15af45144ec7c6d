"""seed_demo: a realistic, idempotent demo newsroom (one seed for the module, see
tests/seeded_demo.py; the showcase article, dates and pictures: test_seed_demo_showcase.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils import timezone
from django.utils.html import escape

from articles.demo.seeding import SPECS
from articles.models import Article, CallToAction, Resource, Section, Status
from articles.sanitize import sanitize_body
from authors.models import Author
from tests.seeded_demo import CREDENTIALS, counts, rolled_back_demo, seed

# Marked so that pytest-django creates the test database the module's demo is seeded in.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed's printed output; the rows stay for the module's tests."""
    with rolled_back_demo(django_db_blocker, tmp_path_factory.mktemp("demo-media")) as output:
        yield output


def test_seed_demo_builds_the_section_tree(demo):
    top_level = list(Section.objects.top_level())
    assert len(top_level) >= 4
    for section in top_level:
        assert section.description
        assert 2 <= section.children.count() <= 3
    politique = Section.objects.get(path="financement-et-politiques-publiques/politique-de-sante")
    assert politique.name == "Politique de santé"
    assert politique.parent.name == "Financement et politiques publiques"


def test_seed_demo_builds_authors_tags_and_articles(demo):
    from taggit.models import Tag

    assert Author.objects.count() >= 8
    assert Author.objects.exclude(job_title="").exclude(bio="").count() >= 8
    assert Tag.objects.count() >= 40
    assert Article.objects.count() >= 60
    assert Article.objects.published().count() >= 60
    assert Article.objects.filter(status=Status.DRAFT).exists()
    assert Article.objects.filter(updated_at__isnull=False).exists()
    assert all(a.was_updated for a in Article.objects.filter(updated_at__isnull=False))
    assert Resource.objects.exists()
    assert CallToAction.objects.current().text.startswith("Besoin d'informations complémentaires ?")

    featured = list(Article.objects.published().featured())
    assert 1 <= len(featured) <= 5
    assert sorted(a.home_position for a in featured) == list(range(1, len(featured) + 1))

    now = timezone.now()
    published = Article.objects.published()
    assert all(a.created < a.published_at <= now for a in published)
    span = published.first().published_at - published.last().published_at
    assert span.days > 365  # spread over about two years

    titles = list(Article.objects.values_list("title", flat=True))
    assert len(set(titles)) == len(titles) == len(SPECS)  # one slug per title
    for article in Article.objects.annotate(
        n_authors=Count("bylines", distinct=True), n_tags=Count("tags", distinct=True)
    ):
        assert 1 <= article.n_authors <= 3, article.title
        assert 2 <= article.n_tags <= 6, article.title
        assert 2 <= article.body.count("<h2>") <= 3, article.title
        assert article.body.count("<p>") >= 4, article.title
        assert article.standfirst.count(". ") >= 1, article.title
        assert sanitize_body(article.body) == article.body


def test_seed_demo_bylines_are_ordered(demo):
    for article in Article.objects.prefetch_related("bylines"):
        positions = [b.position for b in article.bylines.all()]
        assert positions == list(range(len(positions)))


def test_seed_demo_accounts_log_in_with_the_printed_passwords(demo, client):
    credentials = dict(CREDENTIALS.findall(demo))
    assert set(credentials) == {"editeur", "journaliste"}
    User = get_user_model()
    editor = User.objects.get(username="editeur")
    journalist = User.objects.get(username="journaliste")
    assert editor.is_staff and journalist.is_staff
    assert editor.groups.filter(name="Éditeur").exists()
    assert journalist.groups.filter(name="Journaliste").exists()
    assert Author.objects.get(user=journalist)

    for username, password in credentials.items():
        assert client.login(username=username, password=password)
        client.logout()


READER = re.compile(r"lectrice \(site, /comptes/login/\) : (\S+)\s+mot de passe : (\S+)")


def test_seed_demo_reader_logs_in_on_the_site_with_the_printed_password(demo, client):
    output = seed()  # a re-run prints the password that works now
    email, password = READER.search(output).groups()
    response = client.post("/comptes/login/", {"login": email, "password": password})
    assert response.status_code == 302 and response["Location"] == "/comptes/"
    assert email in client.get("/comptes/").content.decode()
    assert not get_user_model().objects.get(email=email).is_staff


def test_seed_demo_is_idempotent(demo, client):
    before = counts()
    slugs = set(Article.objects.values_list("slug", flat=True))
    output = seed()
    assert counts() == before  # images included: a re-run draws no new picture
    assert set(Article.objects.values_list("slug", flat=True)) == slugs
    assert Group.objects.filter(name__in=["Éditeur", "Journaliste"]).count() == 2
    # A re-run prints the credentials that work now.
    for username, password in CREDENTIALS.findall(output):
        assert client.login(username=username, password=password)
        client.logout()


def test_seed_demo_prints_a_french_summary(demo):
    assert "Rubriques :" in demo
    assert "Articles :" in demo
    assert "Auteurs :" in demo


def test_seed_demo_pages_render(demo, client):
    assert client.get("/").status_code == 200
    article = Article.objects.published().filter(resources__isnull=False).first()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert escape(article.title) in response.content.decode()


def test_demo_articles_are_mostly_illustrated_with_credited_images(demo):
    articles = list(Article.objects.all())
    illustrated = [a for a in articles if a.hero_image_id]
    assert len(illustrated) > len(articles) / 2
    assert all(a.hero_image.credit for a in illustrated)
    assert any('data-file="' in a.body for a in articles)


SITE_ACCOUNT = re.compile(r"  (.+?) \(site, /comptes/login/\) : (\S+)\s+mot de passe : (\S+)")


def test_seed_demo_subscribers_read_what_the_policy_allows(demo):
    from django.test import Client

    from subscriptions.models import Organisation

    accounts = {label: (email, password) for label, email, password in SITE_ACCOUNT.findall(demo)}
    assert {"lectrice", "abonnée", "abonnement terminé"} <= set(accounts)
    published = Article.objects.published().select_related("section")
    reserved = [a for a in published if a.for_subscribers]
    assert {a.section.root_id or a.section_id for a in reserved} == set(
        Section.objects.filter(parent__isnull=True).values_list("pk", flat=True)
    )  # in every top-level section
    assert not any(a.featured for a in reserved)
    secret = reserved[0].body.split("</p>")[-2][-40:]  # the end of the text, past the teaser
    for label, may_read in (("abonnée", True), ("abonnement terminé", False), ("lectrice", False)):
        client = Client()
        email, password = accounts[label]
        client.post("/comptes/login/", {"login": email, "password": password})
        html = client.get(reserved[0].get_absolute_url()).content.decode()
        assert (secret in html) is may_read, label
    organisation = Organisation.objects.get()
    assert organisation.is_current() and organisation.domains.exists()
    assert organisation.networks.filter(cidr="127.0.0.0/8").exists()


def test_seed_demo_reader_keeps_one_primary_address_when_its_address_changed(demo):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.get(username="lectrice-demo")
    EmailAddress.objects.filter(user=user).delete()
    user.email = "old@exemple.fr"
    user.save()
    EmailAddress.objects.create(user=user, email="old@exemple.fr", primary=True, verified=True)
    seed()
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "lectrice@exemple-demo.fr"
    ]

"""Every kind of reader against every surface of a subscriber article: the reserved text
appears only where the policy allows it (access.readers), and never in what is cached."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.models import Resource
from tests.subscribers.conftest import SECRET

pytestmark = pytest.mark.django_db

KINDS = [
    "anonyme", "lecteur sans abonnement", "abonnement expiré", "abonné",
    "membre par domaine", "réseau de l'organisation",
]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_the_article_page(kind, readers, reserved):
    client, allowed = readers[kind]
    for query in ("", "?print=1", "?amp=1", "?format=json"):
        response = client.get(reserved.get_absolute_url() + query)
        html = response.content.decode()
        assert response.status_code == 200, (kind, query)
        assert (SECRET in html) is allowed, (kind, query)
        assert ("Réservé aux abonnés" in html) is not allowed, (kind, query)


@pytest.mark.parametrize("kind", KINDS)
def test_pages_with_a_session_are_private_and_the_shared_copy_stays_gated(kind, readers, reserved):
    client, _ = readers[kind]
    response = client.get(reserved.get_absolute_url())
    if kind != "anonyme":
        assert response["X-Cache"] == "bypass" and "private" in response["Cache-Control"]
    shared = Client().get(reserved.get_absolute_url())
    assert SECRET not in shared.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_the_reserved_resource(kind, readers, reserved, media_root):
    resource = Resource.objects.create(
        article=reserved,
        title="Rapport complet",
        file=SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 contenu", "application/pdf"),
    )
    client, allowed = readers[kind]
    response = client.get(f"/ressources/{resource.pk}/")
    if allowed:
        assert response.status_code == 200, kind
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert response.status_code in (302, 403), kind
        assert b"%PDF" not in (response.content if not response.streaming else b"")


@pytest.mark.parametrize("kind", KINDS)
def test_feeds_and_search_never_show_the_reserved_part(kind, readers, reserved):
    client, _ = readers[kind]
    for url in ("/flux/", "/recherche/?q=r%C3%A9v%C3%A9lation"):
        assert SECRET not in client.get(url).content.decode(), (kind, url)


@pytest.mark.parametrize("kind", KINDS)
def test_mon_compte_says_where_access_comes_from(kind, readers):
    client, _ = readers[kind]
    response = client.get("/comptes/")
    if kind in ("anonyme", "réseau de l'organisation"):
        assert response.status_code == 302  # no account: the login
        return
    content = response.content.decode()
    expected = {
        "lecteur sans abonnement": "Aucun abonnement en cours",
        "abonnement expiré": "Aucun abonnement en cours",
        "abonné": "Abonnement individuel, jusqu'au",
        "membre par domaine": "Accès par l'abonnement de CHU de Nantes, jusqu'au",
    }[kind]
    assert expected in content, kind


def test_a_subscription_ends_at_its_minute(subscriber, reserved, time_machine):
    from tests.subscribers.conftest import reader_client

    ends_at = subscriber.subscriptions.get().ends_at
    time_machine.move_to(ends_at - timedelta(seconds=30))
    client = reader_client(subscriber)
    assert SECRET in client.get(reserved.get_absolute_url()).content.decode()
    time_machine.move_to(ends_at)
    assert SECRET not in client.get(reserved.get_absolute_url()).content.decode()


def test_the_box_login_brings_the_subscriber_back_to_the_article(subscriber, reserved):
    from tests.helpers import READER_PASSWORD

    client = Client()
    login = f"/comptes/login/?next={reserved.get_absolute_url()}"
    response = client.post(login, {"login": subscriber.email, "password": READER_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reserved.get_absolute_url()
    assert SECRET in client.get(response["Location"]).content.decode()


def test_a_login_never_sends_readers_off_the_site(subscriber):
    from tests.helpers import READER_PASSWORD

    response = Client().post(
        "/comptes/login/?next=https://pirate.example/",
        {"login": subscriber.email, "password": READER_PASSWORD},
    )
    assert response["Location"] == "/comptes/"

"""Readers of every kind, and a subscriber article, for the access policy's tests."""

from collections.abc import Mapping
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from articles.models.access import Access
from subscriptions.models import Domain, Network, Organisation, Subscription
from tests.helpers import READER_PASSWORD, logged_in

SECRET = "Révélation réservée aux abonnés"
BODY = (
    "<p>Le début de l'enquête, visible de tous, qui pose le sujet en quelques lignes "
    "pour que le lecteur sache de quoi il retourne.</p>"
    "<h2>Ce que révèlent les documents</h2>"
    f"<p>{SECRET} : le détail des montants et des noms.</p>"
)
ORGANISATION_NETWORK = "192.0.2.0/24"
INSIDE = "192.0.2.10"
OUTSIDE = "198.51.100.7"


@pytest.fixture
def reserved(make_article, settings):
    settings.ACCESS_TEASER_CHARS = 50
    return make_article(
        title="Enquête sur les dépassements", body=BODY, access=Access.SUBSCRIBERS,
        standfirst="Le chapô, visible de tous.", tags=["enquête"],
    )  # fmt: skip


@pytest.fixture
def make_reader(django_user_model):
    def make(email):
        user = django_user_model.objects.create_user(
            username=email.partition("@")[0], email=email, password=READER_PASSWORD
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        return user

    return make


@pytest.fixture
def group_editor(django_user_model):
    """A client logged in as an editor who holds only the « Éditeur » group's rights."""
    user = django_user_model.objects.create_user(
        username="redac-chef", password="motdepasse-de-test", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Éditeur"))
    return logged_in(user)


def reader_client(user, **extra):
    """A client logged in through the readers' login, as a browser would."""
    client = Client(**extra)
    response = client.post("/comptes/login/", {"login": user.email, "password": READER_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


@pytest.fixture
def organisation(db):
    now = timezone.now()
    organisation = Organisation.objects.create(
        name="CHU de Nantes", seats=2, starts_at=now - timedelta(days=30),
        ends_at=now + timedelta(days=335),
    )  # fmt: skip
    Domain.objects.create(organisation=organisation, domain="chu-nantes.fr")
    Network.objects.create(organisation=organisation, cidr=ORGANISATION_NETWORK)
    return organisation


@pytest.fixture
def subscriber(make_reader):
    user = make_reader("abonnee@exemple.fr")
    now = timezone.now()
    Subscription.objects.create(
        reader=user, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=364)
    )
    return user


@pytest.fixture
def expired_subscriber(make_reader):
    user = make_reader("ancienne@exemple.fr")
    now = timezone.now()
    Subscription.objects.create(
        reader=user, starts_at=now - timedelta(days=366), ends_at=now - timedelta(minutes=1)
    )
    return user


class LazyReaders(Mapping):
    """{kind: (client, may read)} whose clients log in when first asked for: a test
    parametrised by kind logs in one reader, not all of them (each login is a real
    POST to the readers' login)."""

    def __init__(self, builders):
        self._builders = builders  # {kind: () -> (client, may read)}
        self._built = {}

    def __getitem__(self, kind):
        if kind not in self._built:
            self._built[kind] = self._builders[kind]()
        return self._built[kind]

    def __iter__(self):
        return iter(self._builders)

    def __len__(self):
        return len(self._builders)

    def with_kind(self, kind, builder):
        return LazyReaders({**self._builders, kind: builder})


def _network_client():
    network = Client(REMOTE_ADDR=INSIDE)
    network.post("/comptes/organisation/", {"next": "/"})
    return network


@pytest.fixture
def readers(make_reader, subscriber, expired_subscriber, organisation):
    """{kind: (client, may read)} for every kind of reader of the issue's matrix."""
    non_subscriber = make_reader("curieux@exemple.fr")
    member = make_reader("interne@chu-nantes.fr")
    return LazyReaders(
        {
            "anonyme": lambda: (Client(), False),
            "lecteur sans abonnement": lambda: (reader_client(non_subscriber), False),
            "abonnement expiré": lambda: (reader_client(expired_subscriber), False),
            "abonné": lambda: (reader_client(subscriber), True),
            "membre par domaine": lambda: (reader_client(member), True),
            "réseau de l'organisation": lambda: (_network_client(), True),
        }
    )

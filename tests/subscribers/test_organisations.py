"""Organisation subscriptions: readers join by their verified address within the seats;
readers on the organisation's networks get access through « Accès via mon organisation »,
the address read from the trusted proxy only."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from subscriptions.models import Membership, Network
from tests.subscribers.conftest import INSIDE, OUTSIDE, SECRET, reader_client

pytestmark = pytest.mark.django_db


def test_verified_readers_of_the_domain_join_within_the_seats(organisation, make_reader, reserved):
    first, second, third = (make_reader(f"agent{n}@chu-nantes.fr") for n in range(3))
    clients = [reader_client(user) for user in (first, second)]
    late = Client()
    response = late.post(
        "/comptes/login/", {"login": third.email, "password": "Un-mot-de-passe-solide-42"},
        follow=True,
    )  # fmt: skip
    assert "n&#x27;a plus de place disponible" in response.content.decode()
    assert set(organisation.members.values_list("reader__email", flat=True)) == {
        first.email, second.email,
    }  # fmt: skip
    for client in clients:
        assert SECRET in client.get(reserved.get_absolute_url()).content.decode()
    assert SECRET not in late.get(reserved.get_absolute_url()).content.decode()
    # An editor frees a seat: the third reader joins at their next login.
    Membership.objects.filter(reader=first).delete()
    assert SECRET in reader_client(third).get(reserved.get_absolute_url()).content.decode()


def test_an_unverified_address_joins_nothing(organisation, django_user_model, client):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user(
        username="x", email="faux@chu-nantes.fr", password="Un-mot-de-passe-solide-42"
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    client.post("/comptes/login/", {"login": user.email, "password": "Un-mot-de-passe-solide-42"})
    assert not organisation.members.exists()


def test_confirming_the_address_joins_the_organisation(organisation, client, mailoutbox):
    import re

    password = "Un-mot-de-passe-solide-42"
    client.post(
        "/comptes/signup/",
        {"email": "nouvelle@chu-nantes.fr", "password1": password, "password2": password},
    )
    link = re.search(r"https?://[^/\s]+(/comptes/confirm-email/\S+)", mailoutbox[0].body).group(1)
    response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0] == "/comptes/"
    assert "grâce à l&#x27;abonnement de CHU de Nantes" in response.content.decode()
    assert organisation.members.filter(reader__email="nouvelle@chu-nantes.fr").exists()


def test_members_of_an_ended_organisation_lose_access(organisation, make_reader, reserved):
    client = reader_client(make_reader("agent@chu-nantes.fr"))
    assert SECRET in client.get(reserved.get_absolute_url()).content.decode()
    organisation.ends_at = timezone.now() - timedelta(minutes=1)
    organisation.save()
    assert SECRET not in client.get(reserved.get_absolute_url()).content.decode()


def test_a_reader_on_the_network_gets_access_by_a_post_only(organisation, reserved):
    client = Client(REMOTE_ADDR=INSIDE)
    page = client.get("/comptes/organisation/?next=" + reserved.get_absolute_url())
    assert page.status_code == 200 and "Vérifier mon accès" in page.content.decode()
    assert SECRET not in client.get(reserved.get_absolute_url()).content.decode()  # GET: nothing
    response = client.post("/comptes/organisation/", {"next": reserved.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == reserved.get_absolute_url()
    assert SECRET in client.get(reserved.get_absolute_url()).content.decode()


def test_ipv6_ranges_work_too(organisation, reserved):
    Network.objects.create(organisation=organisation, cidr="2001:db8:42::/48")
    client = Client(REMOTE_ADDR="2001:db8:42::17")
    client.post("/comptes/organisation/", {"next": "/"})
    assert SECRET in client.get(reserved.get_absolute_url()).content.decode()


def test_outside_the_networks_access_is_refused(organisation, reserved):
    client = Client(REMOTE_ADDR=OUTSIDE)
    response = client.post("/comptes/organisation/", {"next": "/"})
    assert response.status_code == 403
    assert "ne vient du réseau d'aucune organisation abonnée" in response.content.decode()
    assert SECRET not in client.get(reserved.get_absolute_url()).content.decode()


def test_a_spoofed_forwarded_for_is_ignored(organisation, reserved, settings):
    # Without the TLS proxy, X-Forwarded-For is the client's own words.
    client = Client(REMOTE_ADDR=OUTSIDE, HTTP_X_FORWARDED_FOR=INSIDE)
    assert_refused(client, reserved)
    # Behind the proxy, only the hop it appended counts, not what the client wrote before.
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{INSIDE}, {OUTSIDE}")
    assert_refused(spoofed, reserved)
    real = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{OUTSIDE}, {INSIDE}")
    assert real.post("/comptes/organisation/", {"next": "/"}).status_code == 302
    assert SECRET in real.get(reserved.get_absolute_url()).content.decode()


def assert_refused(client, reserved):
    """Refused with the reason shown, and the session grants nothing afterwards."""
    response = client.post("/comptes/organisation/", {"next": "/"})
    assert response.status_code == 403
    assert "ne vient du réseau d'aucune organisation abonnée" in response.content.decode()
    assert SECRET not in client.get(reserved.get_absolute_url()).content.decode()


def test_the_grant_lasts_its_hours_and_never_past_the_organisation(
    organisation, reserved, time_machine, settings
):
    client = Client(REMOTE_ADDR=INSIDE)
    client.post("/comptes/organisation/", {"next": "/"})
    time_machine.move_to(timezone.now() + timedelta(hours=settings.NETWORK_GRANT_HOURS, minutes=1))
    assert SECRET not in client.get(reserved.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://pirate.example/", "//pirate.example/", "javascript:alert(1)"]
)
def test_the_next_address_stays_on_the_site(organisation, next_url):
    client = Client(REMOTE_ADDR=INSIDE)
    response = client.post("/comptes/organisation/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_forged_post_without_csrf_grants_nothing(organisation, reserved):
    client = Client(REMOTE_ADDR=INSIDE, enforce_csrf_checks=True)
    assert client.post("/comptes/organisation/", {"next": "/"}).status_code == 403
    assert SECRET not in client.get(reserved.get_absolute_url()).content.decode()


def test_removing_the_network_ends_the_grants_it_gave(organisation, reserved):
    client = Client(REMOTE_ADDR=INSIDE)
    client.post("/comptes/organisation/", {"next": "/"})
    assert SECRET in client.get(reserved.get_absolute_url()).content.decode()
    Network.objects.filter(organisation=organisation).delete()
    assert SECRET not in client.get(reserved.get_absolute_url()).content.decode()

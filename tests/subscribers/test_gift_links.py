"""Gift links: a subscriber lets anyone read one subscriber article in full for 7 days,
5 links a calendar month; links are signed, revocable, and count their uses."""

import re
from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from subscriptions.models import GiftLink
from tests.subscribers.conftest import SECRET, reader_client

pytestmark = pytest.mark.django_db


def give(client, article):
    return client.post("/comptes/cadeaux/", {"article": str(article.pk)}, follow=True)


def gift_path(response):
    found = re.search(r"https?://[^/\s]+(/comptes/cadeau/[^/\s]+/)", response.content.decode())
    assert found, response.content.decode()[:3000]
    return found.group(1)


def assert_gift_refused(response):
    """The page a dead gift link shows: the reason, and not a word of the article."""
    html = response.content.decode()
    assert "<h1>Ce lien cadeau n'est plus valable</h1>" in html
    assert SECRET not in html


@pytest.fixture
def giver(subscriber):
    return reader_client(subscriber)


def test_a_subscriber_sees_the_offer_button_under_the_article(giver, reserved):
    html = giver.get(reserved.get_absolute_url()).content.decode()
    assert "Offrir cet article" in html and "encore 5 ce mois-ci" in html


def test_anyone_with_the_link_reads_the_article_for_seven_days(giver, reserved, time_machine):
    path = gift_path(give(giver, reserved))
    stranger = Client()
    response = stranger.get(path)
    html = response.content.decode()
    assert response.status_code == 200 and SECRET in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"] and response["X-Cache"] == "bypass"
    assert "Article offert par un abonné" in html
    # The article's own address stays gated for them.
    assert SECRET not in stranger.get(reserved.get_absolute_url()).content.decode()
    time_machine.move_to(timezone.now() + timedelta(days=7, minutes=1))
    expired = stranger.get(path)
    assert expired.status_code == 404 and SECRET not in expired.content.decode()


def test_links_count_their_uses(giver, reserved):
    path = gift_path(give(giver, reserved))
    for _ in range(3):
        Client().get(path)
    assert GiftLink.objects.get().uses == 3
    assert "ouvert 3 fois" in giver.get("/comptes/").content.decode()


def test_five_links_a_month(giver, reserved, make_article):
    for _ in range(5):
        assert "Lien cadeau créé" in give(giver, reserved).content.decode()
    refused = give(giver, reserved)
    assert "Vous avez déjà offert 5 articles ce mois-ci." in refused.content.decode()
    assert GiftLink.objects.count() == 5


def test_the_quota_starts_again_on_the_first_of_the_month(subscriber, reserved, time_machine):
    paris = timezone.get_current_timezone()
    next_month = (timezone.localdate().replace(day=28) + timedelta(days=4)).replace(day=1)
    last_evening = timezone.datetime.combine(next_month - timedelta(days=1), time(23, 50), paris)
    time_machine.move_to(last_evening)
    giver = reader_client(subscriber)
    for _ in range(5):
        give(giver, reserved)
    assert "déjà offert 5" in give(giver, reserved).content.decode()
    time_machine.move_to(timezone.datetime.combine(next_month, time(0, 5), paris))
    assert "Lien cadeau créé" in give(giver, reserved).content.decode()


def test_a_revoked_link_stops_at_once(giver, reserved):
    path = gift_path(give(giver, reserved))
    link = GiftLink.objects.get()
    revoked = giver.post(f"/comptes/cadeaux/{link.pk}/revoquer/", follow=True)
    assert "Le lien cadeau est révoqué." in revoked.content.decode()
    response = Client().get(path)
    assert response.status_code == 404
    assert_gift_refused(response)
    link.refresh_from_db()
    assert link.revoked_at is not None and link.uses == 0  # a refused opening is no use


def test_nobody_revokes_another_readers_link(giver, reserved, make_reader):
    give(giver, reserved)
    link = GiftLink.objects.get()
    other = reader_client(make_reader("autre@exemple.fr"))
    assert other.post(f"/comptes/cadeaux/{link.pk}/revoquer/").status_code == 404
    assert GiftLink.objects.get().revoked_at is None


@pytest.mark.parametrize("token", ["", "abc", "MQ:1xYRTy:faux", "0" * 300, "%00"])
def test_forged_tokens_are_refused(token, giver, reserved):
    give(giver, reserved)
    response = Client().get(f"/comptes/cadeau/{token}/")
    assert response.status_code in (400, 404)  # a NUL byte is a 400 before any view
    assert SECRET not in response.content.decode()


def test_a_token_for_another_id_is_refused(giver, reserved):
    from django.core import signing

    give(giver, reserved)
    forged = signing.dumps(GiftLink.objects.get().pk + 1, salt="subscriptions.gift")
    response = Client().get(f"/comptes/cadeau/{forged}/")
    assert response.status_code == 404
    assert_gift_refused(response)
    assert GiftLink.objects.get().uses == 0


def test_only_subscribers_offer(reserved, make_reader, journalist, client):
    from tests.helpers import logged_in

    non_subscriber = reader_client(make_reader("curieux@exemple.fr"))
    refused = give(non_subscriber, reserved)
    assert "réservés aux abonnés" in refused.content.decode()
    assert (
        logged_in(journalist).post("/comptes/cadeaux/", {"article": reserved.pk}).status_code == 302
    )
    assert client.post("/comptes/cadeaux/", {"article": reserved.pk}).status_code == 302  # login
    assert not GiftLink.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999", "1" * 30, " 1"])
def test_odd_article_ids_are_a_404(giver, reserved, value):
    response = giver.post("/comptes/cadeaux/", {"article": value.replace("1", str(reserved.pk))})
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert not GiftLink.objects.exists()


def test_an_id_in_full_width_digits_is_a_404(giver, reserved):
    wide = str(reserved.pk).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    response = giver.post("/comptes/cadeaux/", {"article": wide})
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert not GiftLink.objects.exists()


def test_free_or_unpublished_articles_are_not_offered(giver, make_article):
    from articles.models import Status

    free = make_article()
    assert "déjà en accès libre" in give(giver, free).content.decode()
    draft = make_article(status=Status.DRAFT, access="abonnes")
    assert giver.post("/comptes/cadeaux/", {"article": draft.pk}).status_code == 404
    assert not GiftLink.objects.exists()


def test_giving_needs_a_post_with_its_csrf_token(subscriber, reserved):
    client = Client(enforce_csrf_checks=True)
    client.force_login(subscriber)
    assert client.get("/comptes/cadeaux/").status_code == 405
    assert client.post("/comptes/cadeaux/", {"article": reserved.pk}).status_code == 403
    assert not GiftLink.objects.exists()

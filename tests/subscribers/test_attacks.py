"""An attacker's tour of the paywall: anonymous readers, logged-in readers without access,
expired subscribers, trying to read the reserved text of a subscriber article (or its
files), or to get or keep access they should not have.

A failing test here is a hole (it asserts what must never happen); a passing one is a
defence checked beyond what the other files of tests/subscribers/ cover."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from access import readers as access_readers
from articles.models import Resource
from articles.models.access import Access
from subscriptions.models import GIFTS_PER_MONTH, GiftLink, Membership
from tests.helpers import READER_PASSWORD, logged_in
from tests.subscribers.conftest import INSIDE, OUTSIDE, SECRET, reader_client

pytestmark = pytest.mark.django_db

LEAD = "<p>Une entrée en matière de plus de cinquante caractères, visible de tous.</p>"


def html_of(response):
    return response.content.decode()


def head_of(html):
    return html[: html.index("</head>")]


def give(client, article):
    return client.post("/comptes/cadeaux/", {"article": str(article.pk)}, follow=True)


def gift_path(response):
    found = re.search(r"https?://[^/\s]+(/comptes/cadeau/[^/\s]+/)", html_of(response))
    assert found, html_of(response)[:2000]
    return found.group(1)


# --- Holes ----------------------------------------------------------------------------


def test_metadata_never_fall_back_on_the_reserved_text(client, make_article, settings):
    """articles.seo.article_meta: without a standfirst, the description is the start of
    the *whole* body (160 characters), not of the teaser: the reserved text goes out in
    <meta name="description">, og:description, twitter:description and JSON-LD."""
    settings.ACCESS_TEASER_CHARS = 50
    article = make_article(
        title="Sans chapô", standfirst="", access=Access.SUBSCRIBERS,
        body=f"{LEAD}<p>{SECRET} : les noms.</p><p>La suite.</p>",
    )  # fmt: skip
    html = html_of(client.get(article.get_absolute_url()))
    assert "Réservé aux abonnés" in html  # the body itself is gated…
    assert SECRET not in head_of(html)  # …but not its metadata


@pytest.mark.parametrize(
    "body",
    [
        # One paragraph whose parts are separated by hard breaks (the editor's HardBreak,
        # or text pasted from a mail): the "first block" is the whole article.
        f"<p>Le début, visible de tous, assez long pour la limite.<br><br>{SECRET}.</p>",
        # An introduction then the list that holds the information.
        f"<p>Les établissements concernés :</p><ul><li>CHU A</li><li>{SECRET}</li></ul>",
        # A brief shorter than ACCESS_TEASER_CHARS (600 by default): all of it.
        f"<p>Brève.</p><p>{SECRET}.</p>",
    ],
    ids=["one-paragraph", "intro-then-list", "short-brief"],
)
def test_the_teaser_always_holds_something_back(client, make_article, settings, body):
    """articles.teaser.teaser_html keeps whole top-level blocks, at least the first, and
    the whole body when it is shorter than the limit: nothing is reserved at all."""
    settings.ACCESS_TEASER_CHARS = 600 if "Brève" in body else 50
    article = make_article(title="Réservé", access=Access.SUBSCRIBERS, body=body)
    html = html_of(client.get(article.get_absolute_url()))
    assert "Réservé aux abonnés" in html
    assert SECRET not in html


def test_the_gift_quota_holds_against_concurrent_posts(subscriber, reserved, monkeypatch):
    """subscriptions.views.give checks the quota (readers.gift_refusal), then creates the
    link, with no lock: two posts checked before either creates both pass. Interleaved
    here deterministically: the second post runs between the first one's check and its
    create (two tabs, or a script firing posts at once)."""
    now = timezone.now()
    for _ in range(GIFTS_PER_MONTH - 1):
        GiftLink.objects.create(
            article=reserved, giver=subscriber, created_at=now, expires_at=now + timedelta(7)
        )
    first, second = reader_client(subscriber), reader_client(subscriber)
    original = access_readers.gift_refusal
    nested = []

    def check_then_let_the_other_post_in(request, article, now=None):
        refusal = original(request, article, now)
        if not nested:
            nested.append("second post")
            second.post("/comptes/cadeaux/", {"article": str(article.pk)})
        return refusal

    monkeypatch.setattr(access_readers, "gift_refusal", check_then_let_the_other_post_in)
    first.post("/comptes/cadeaux/", {"article": str(reserved.pk)})
    assert nested, "the second post did not run"
    assert GiftLink.objects.filter(giver=subscriber).count() <= GIFTS_PER_MONTH


def test_removing_the_organisation_address_ends_the_seat(
    organisation, reserved, mailoutbox, time_machine
):
    """subscriptions.membership only ever adds: a reader who removes the address that
    made them a member keeps the seat, and the same mailbox then confirms a new account
    which takes another. One employee's mailbox hands out every seat, one by one."""
    agent = "agent@chu-nantes.fr"
    first = Client()
    first.post(
        "/comptes/signup/", {"email": agent, "password1": READER_PASSWORD,
                             "password2": READER_PASSWORD},
    )  # fmt: skip
    link = re.search(r"https?://[^/\s]+(/comptes/confirm-email/\S+)", mailoutbox[-1].body)
    first.post(link.group(1))
    assert SECRET in html_of(first.get(reserved.get_absolute_url()))  # a member
    # A personal address (verified: the reader owns that mailbox), made primary, then
    # the organisation's address removed, through allauth's own « Adresses e-mail » page.
    user = EmailAddress.objects.get(email=agent).user
    EmailAddress.objects.create(user=user, email="perso@exemple.fr", verified=True)
    first.post("/comptes/email/", {"email": "perso@exemple.fr", "action_primary": ""})
    first.post("/comptes/email/", {"email": agent, "action_remove": ""})
    assert not EmailAddress.objects.filter(email=agent).exists()
    # The freed address signs up again (after allauth's 3 minutes between two mails to
    # one address): a second account, a second seat.
    time_machine.move_to(timezone.now() + timedelta(minutes=4))
    second = Client()
    second.post(
        "/comptes/signup/", {"email": agent, "password1": READER_PASSWORD,
                             "password2": READER_PASSWORD},
    )  # fmt: skip
    link = re.search(r"https?://[^/\s]+(/comptes/confirm-email/\S+)", mailoutbox[-1].body)
    second.post(link.group(1))
    first_still_reads = SECRET in html_of(first.get(reserved.get_absolute_url()))
    seats = Membership.objects.filter(organisation=organisation).count()
    assert (first_still_reads, seats) == (False, 1)


# --- Defences that hold -----------------------------------------------------------------


def test_a_page_warmed_by_readers_with_access_is_served_gated(readers, reserved):
    """Subscriber, member and network-grant renders are never the stored copy; HEAD and
    conditional GETs of the anonymous copy hold no reserved text either."""
    url = reserved.get_absolute_url()
    for kind in ("abonné", "membre par domaine", "réseau de l'organisation"):
        client, _ = readers[kind]
        assert SECRET in html_of(client.get(url))
    anonymous = Client()
    first, second = anonymous.get(url), anonymous.get(url)
    assert second["X-Cache"] == "hit"
    assert SECRET not in html_of(first) and SECRET not in html_of(second)
    head = anonymous.head(url)
    assert SECRET not in html_of(head)
    etag = second["ETag"]
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    for query in ("?page=2", "?page=1", "?p=1&page=01", "?x=%00", "?utm_source=abonne"):
        assert SECRET not in html_of(anonymous.get(url + query)), query


def test_fake_cookies_and_headers_get_no_access(reserved):
    """A made-up session cookie, a messages cookie, Basic auth: still the teaser."""
    url = reserved.get_absolute_url()
    for client in (
        Client(HTTP_COOKIE="sessionid=forged"),
        Client(HTTP_COOKIE="messages=x"),
        Client(HTTP_AUTHORIZATION="Basic YWJvbm5lZUBleGVtcGxlLmZyOng="),
        Client(HTTP_X_FORWARDED_FOR=INSIDE),
    ):
        response = client.get(url)
        assert response.status_code == 200 and SECRET not in html_of(response)


def test_every_listing_feed_and_sitemap_hides_the_reserved_part(client, reserved, author):
    section = reserved.section
    urls = [
        "/", section.get_absolute_url(), section.parent.get_absolute_url(),
        "/tags/enquete/", author.get_absolute_url(),
        f"/flux/rubriques/{section.path}/", f"/flux/rubriques/{section.parent.path}/",
        f"/flux/auteurs/{author.slug}/", "/sitemap.xml",
    ]  # fmt: skip
    index = html_of(client.get("/sitemap.xml"))
    urls += [re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", index)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = html_of(response)
        assert SECRET not in content and "Ce que révèlent" not in content, url


def test_related_cards_on_a_free_article_show_no_reserved_text(client, reserved, make_article):
    free = make_article(title="Article libre voisin", tags=["enquête"])
    reserved.standfirst = "Un chapô qui ne dit rien."
    reserved.save()
    html = html_of(client.get(free.get_absolute_url()))
    assert "Enquête sur les dépassements" in html  # the card is there, marked
    assert "badge--subscribers" in html
    assert SECRET not in html and "Le début de l'enquête" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "montants noms"},
        {"q": "montants", "page": "2"},
        {"q": "montants", "tri": "date"},
        {"q": "montants", "tag": "enquete"},
        {"q": '"détail des montants"'},
        {"q": "Ce que révèlent les documents"},
    ],
)
def test_search_results_with_hidden_words_show_only_the_teaser(client, reserved, params):
    response = client.get("/recherche/", params)
    content = html_of(response)
    assert response.status_code in (200, 404)
    # Not the query's own words, which the page repeats: what follows them.
    assert SECRET not in content and "et des noms" not in content


def test_a_gift_token_opens_its_own_article_only(subscriber, reserved, make_article):
    other = make_article(
        title="Autre réservé", access=Access.SUBSCRIBERS,
        body=f"{LEAD}<h2>Plus loin</h2><p>{SECRET} (autre).</p>",
    )  # fmt: skip
    path = gift_path(give(reader_client(subscriber), reserved))
    token = path.rstrip("/").rsplit("/", 1)[1]
    stranger = Client()
    assert SECRET in html_of(stranger.get(path))
    assert not stranger.cookies.get("sessionid")  # nothing remembered for later
    for url in (other.get_absolute_url(), f"{other.get_absolute_url()}?cadeau={token}"):
        assert SECRET not in html_of(stranger.get(url)), url
    # The token does not open a share preview (another salt) either.
    assert stranger.get(f"/apercu/{token}/").status_code == 404


def test_revoking_does_not_give_the_quota_back(subscriber, reserved):
    giver = reader_client(subscriber)
    for _ in range(GIFTS_PER_MONTH):
        give(giver, reserved)
    for link in GiftLink.objects.all():
        giver.post(f"/comptes/cadeaux/{link.pk}/revoquer/")
    assert "déjà offert 5" in html_of(give(giver, reserved))
    assert GiftLink.objects.count() == GIFTS_PER_MONTH


def test_readers_without_an_account_of_their_own_offer_nothing(
    expired_subscriber, organisation, reserved
):
    network = Client(REMOTE_ADDR=INSIDE)
    network.post("/comptes/organisation/", {"next": "/"})
    assert SECRET in html_of(network.get(reserved.get_absolute_url()))
    for client in (reader_client(expired_subscriber), network):
        client.post("/comptes/cadeaux/", {"article": str(reserved.pk)})
    assert not GiftLink.objects.exists()


def test_a_link_of_an_unpublished_article_stops(subscriber, reserved):
    path = gift_path(give(reader_client(subscriber), reserved))
    reserved.unpublish_at = timezone.now() - timedelta(minutes=1)
    reserved.save()
    response = Client().get(path)
    assert response.status_code == 404 and SECRET not in html_of(response)


@pytest.mark.parametrize(
    "remote",
    ["::ffff:192.0.2.10", "::ffff:c000:20a", "192.0.2.10, 198.51.100.7", "192.0.2.10:443",
     "", "unknown", "192.0.2.010", "::"],
)  # fmt: skip
def test_odd_client_addresses_grant_nothing(organisation, reserved, remote):
    client = Client(REMOTE_ADDR=remote)
    assert client.post("/comptes/organisation/", {"next": "/"}).status_code == 403
    assert SECRET not in html_of(client.get(reserved.get_absolute_url()))


@pytest.mark.parametrize(
    "forwarded", [f"{INSIDE}", f"{INSIDE}, {OUTSIDE}, 10.0.0.1", "", "garbage"]
)
def test_behind_the_proxy_only_its_hop_counts(organisation, reserved, settings, forwarded):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 2
    # Two proxies: the address the outer one saw is second from the right.
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    response = client.post("/comptes/organisation/", {"next": "/"})
    assert response.status_code == 403
    assert "ne vient du réseau d'aucune organisation abonnée" in html_of(response)
    assert SECRET not in html_of(client.get(reserved.get_absolute_url()))


def test_an_unverified_organisation_address_added_to_an_account_grants_nothing(
    organisation, make_reader, reserved, mailoutbox
):
    client = reader_client(make_reader("curieux@exemple.fr"))
    client.post("/comptes/email/", {"email": "directeur@chu-nantes.fr", "action_add": ""})
    address = EmailAddress.objects.get(email="directeur@chu-nantes.fr")
    assert not address.verified
    client.post("/comptes/email/", {"email": address.email, "action_primary": ""})
    client.post("/comptes/logout/")
    again = reader_client(address.user)
    assert not organisation.members.exists()
    assert SECRET not in html_of(again.get(reserved.get_absolute_url()))


@pytest.mark.parametrize(
    "next_url",
    ["/\\pirate.example/", "///pirate.example/", "https:pirate.example", "\\\\pirate.example",
     "/%2F%2Fpirate.example", "http://testserver@pirate.example/"],
)  # fmt: skip
def test_login_next_stays_on_the_site(subscriber, next_url):
    response = Client().post(
        "/comptes/login/?next=" + next_url,
        {"login": subscriber.email, "password": READER_PASSWORD},
    )
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "pirate.example" not in location.split("?")[0].lstrip("/").split("/")[0]


def test_reserved_files_stay_out_of_every_page(client, reserved, media_root, readers):
    resource = Resource.objects.create(
        article=reserved, title="Rapport complet",
        file=SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 secret", "application/pdf"),
    )  # fmt: skip
    for kind in ("anonyme", "lecteur sans abonnement", "abonnement expiré"):
        reader, _ = readers[kind]
        html = html_of(reader.get(reserved.get_absolute_url()))
        assert resource.file.name not in html and f"/ressources/{resource.pk}/" not in html
        assert reader.head(f"/ressources/{resource.pk}/").status_code in (302, 403, 405)
        response = reader.get(f"/ressources/{resource.pk}/?download=1")
        assert response.status_code in (302, 403), kind


@pytest.mark.parametrize(
    "email", ["PLUME@Redaction.FR", " plume@redaction.fr "], ids=["case", "spaces"]
)
def test_staff_addresses_are_refused_by_both_imports(group_editor, organisation, journalist, email):
    journalist.email = "plume@redaction.fr"
    journalist.save()
    imports = [
        (
            "/admin/subscriptions/subscription/importer/",
            f"email;debut;fin\n{email};01/12/2026;01/12/2027\n",
        ),  # noqa: E501
        (
            f"/admin/subscriptions/organisation/{organisation.pk}/membres/importer/",
            f"email\n{email}\n",
        ),  # noqa: E501
    ]
    for url, text in imports:
        group_editor.post(url, {"file": SimpleUploadedFile("x.csv", text.encode(), "text/csv")})
    assert not journalist.subscriptions.exists() and not journalist.memberships.exists()


@pytest.mark.parametrize("start", ["+", "-", "@", "\t", "\r"])
def test_subscriptions_export_neutralises_every_formula_start(group_editor, subscriber, start):
    subscription = subscriber.subscriptions.get()
    subscription.note = f"{start}cmd|'/C calc'!A0"
    subscription.save()
    response = group_editor.post(
        "/admin/subscriptions/subscription/",
        {"action": "export_csv", "_selected_action": [str(subscription.pk)]},
    )
    content = response.content.decode("utf-8-sig")
    assert f"'{start}cmd" in content


def test_a_journalist_preview_is_private_and_shares_nothing(journalist, reserved):
    """Staff read in full, but never into the shared copy (HEAD and ETag included)."""
    staff = logged_in(journalist)
    response = staff.get(reserved.get_absolute_url())
    assert SECRET in html_of(response) and "private" in response["Cache-Control"]
    assert "Surrogate-Key" not in response
    assert SECRET not in html_of(Client().get(reserved.get_absolute_url()))

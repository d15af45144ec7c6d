"""The readers' access policy: the one function that decides who reads an article in
full. The article page, its resources, feeds, search excerpts and structured data ask
it (or show what it allows everyone); nothing else compares a reader with a level.

- A free article (articles.models.access) is read in full by everyone.
- A subscriber article is read in full by staff members and by readers whose access is
  current (``reader_status``): their own subscription, a seat in a subscribing
  organisation, or a grant from one of its networks remembered in the session; everyone
  else gets the title, standfirst, byline, dates, resources' titles and the teaser
  (articles.teaser).

Anonymity is read from the session cookie before anything touches the session: reading
``request.user`` would mark an anonymous page ``Vary: Cookie`` and keep it out of the
page cache, and without a session cookie nobody can be logged in.
"""

from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from access.staff import is_staff_member
from articles.models.access import Access
from articles.teaser import teaser_html


def session_user(request):
    """The logged-in user, or None, without touching the session of anonymous readers."""
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


# Session key of a network grant: {"network": pk, "cidr": its range, "until": iso}.
NETWORK_GRANT = "organisation_network_grant"


class ReaderStatus(NamedTuple):
    """Why a reader may read subscriber articles (``via``, empty: they may not)."""

    via: str = ""  # "staff", "abonnement", "organisation", "reseau"
    subscription: object = None  # the reader's own current subscription, if any
    organisation: object = None  # the organisation giving access, if any
    until: object = None  # when that access ends

    @property
    def active(self):
        return bool(self.via)


NO_ACCESS = ReaderStatus()


def reader_status(request, now=None):
    """The reader's access at ``now`` (once per request: memoised on it)."""
    cached = getattr(request, "_reader_status", None)
    if cached is not None and now is None:
        return cached
    status = _status(request, now or timezone.now())
    if request is not None:
        request._reader_status = status
    return status


def _status(request, now):
    from subscriptions.models import Subscription

    user = session_user(request)
    if user is not None:
        if is_staff_member(user):
            return ReaderStatus(via="staff")
        own = Subscription.objects.current(now).filter(reader=user).order_by("-ends_at").first()
        if own is not None:
            return ReaderStatus(via="abonnement", subscription=own, until=own.ends_at)
        organisation = _member_of(user, now)
        if organisation is not None:
            return ReaderStatus(
                via="organisation", organisation=organisation, until=organisation.ends_at
            )
    granted = network_grant(request, now)
    if granted is not None:
        organisation, until = granted
        return ReaderStatus(via="reseau", organisation=organisation, until=until)
    return NO_ACCESS


def _member_of(user, now):
    """The current organisation whose seat ``user`` holds, the longest running first. A
    seat taken by an e-mail address counts only while the reader still has a verified
    address on one of its domains (subscriptions.membership gives such seats back)."""
    from subscriptions.membership import verified_domains
    from subscriptions.models import Membership, Via

    memberships = (
        Membership.objects.filter(reader=user, organisation__in=_current_organisations(now))
        .select_related("organisation")
        .prefetch_related("organisation__domains")
        .order_by("-organisation__ends_at")
    )
    domains = None
    for membership in memberships:
        if membership.via != Via.DOMAIN:
            return membership.organisation
        if domains is None:
            domains = verified_domains(user)
        if {d.domain for d in membership.organisation.domains.all()} & domains:
            return membership.organisation
    return None


def _current_organisations(now=None):
    from subscriptions.models import Organisation

    return Organisation.objects.current(now)


def network_grant(request, now):
    """(organisation, until) of a network grant in the session still valid, or None: the
    organisation current and the network it was granted from still one of its own (an
    editor who removes or corrects a range ends the grants it gave)."""
    from subscriptions.models import Network

    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    grant = request.session.get(NETWORK_GRANT)
    if not isinstance(grant, dict):
        return None
    until = parse_datetime(str(grant.get("until", "")))
    if until is None or until <= now:
        return None
    network = (
        Network.objects.filter(
            pk=grant.get("network"),
            cidr=grant.get("cidr"),
            organisation__in=_current_organisations(now),
        )
        .select_related("organisation")
        .first()
    )
    if network is None:
        return None
    return network.organisation, min(until, network.organisation.ends_at)


def network_for_address(address, now=None):
    """The network of a current organisation that holds ``address``, or None."""
    from subscriptions.models import Network

    networks = Network.objects.filter(organisation__in=_current_organisations(now)).select_related(
        "organisation"
    )
    for network in networks:
        if network.contains(address):
            return network
    return None


def grant_network_access(request, network, now=None):
    """Remember in the session that this reader is on ``network``."""
    now = now or timezone.now()
    until = min(now + timedelta(hours=settings.NETWORK_GRANT_HOURS), network.organisation.ends_at)
    request.session[NETWORK_GRANT] = {
        "network": network.pk,
        "cidr": network.cidr,
        "until": until.isoformat(),
    }
    request._reader_status = None


def may_read_in_full(request, article):
    """True if the reader of ``request`` may read all of ``article``."""
    if article.effective_access != Access.SUBSCRIBERS:
        return True
    return reader_status(request).active


def shared_body(article):
    """The body HTML that surfaces serving every reader alike may show (search excerpts
    and highlights, anything cached or sent out): all of it for a free article, only the
    teaser of a subscriber article."""
    if article.effective_access == Access.SUBSCRIBERS:
        return teaser_html(article.body, settings.ACCESS_TEASER_CHARS)
    return article.body


class Reading(NamedTuple):
    """What the article page shows of the body: all of it, or the teaser (HTML); and
    whether its resources' files are offered for download (the download checks again)."""

    full: bool
    teaser: str = ""
    downloads: bool = False


FULL = Reading(full=True, downloads=True)
# A gift link's holder reads the article in full; its files stay for subscribers (the
# download asks may_read_in_full, which a gift does not answer).
GIFTED = Reading(full=True, downloads=False)


def reading_for(request, article):
    if may_read_in_full(request, article):
        return FULL
    return Reading(full=False, teaser=shared_body(article))


# --- Gift links ------------------------------------------------------------------------

GIVERS = frozenset({"abonnement", "organisation"})


def gift_refusal(request, article, now=None):
    """Why the reader of ``request`` may not offer ``article`` (French), or None.

    Subscribers with an account (their own subscription or an organisation's seat) offer
    published subscriber articles, up to GIFTS_PER_MONTH links a calendar month."""
    from articles.models import Article
    from subscriptions.models import GIFTS_PER_MONTH, GiftLink

    if reader_status(request, now).via not in GIVERS:
        return "Les liens cadeaux sont réservés aux abonnés."
    if article.effective_access != Access.SUBSCRIBERS:
        return "Cet article est déjà en accès libre : partagez simplement son adresse."
    if not Article.objects.published(now).filter(pk=article.pk).exists():
        return "Cet article n'est pas publié."
    if GiftLink.objects.this_month(session_user(request), now).count() >= GIFTS_PER_MONTH:
        return f"Vous avez déjà offert {GIFTS_PER_MONTH} articles ce mois-ci."
    return None


def gifts_left(request, now=None):
    from subscriptions.models import GIFTS_PER_MONTH, GiftLink

    user = session_user(request)
    if user is None:
        return 0
    return max(0, GIFTS_PER_MONTH - GiftLink.objects.this_month(user, now).count())


def gifted_article(token, now=None):
    """(gift link, article) for a valid gift token whose article is still published, or
    None: whoever holds the link reads the article in full."""
    from articles.models import Article
    from subscriptions.models import GiftLink

    link = GiftLink.from_token(token, now)
    if link is None:
        return None
    article = Article.objects.published(now).for_detail().filter(pk=link.article_id).first()
    if article is None:
        return None
    return link, article

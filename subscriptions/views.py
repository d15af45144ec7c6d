from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from access import readers
from articles.models import Article
from articles.views import article_page_context
from newsroom.login_protection import client_ip
from subscriptions.models import GIFTS_PER_MONTH, GiftLink, QuotaReached


@never_cache
@login_required(login_url="account_login")
def account(request):
    """« Mon compte »: the reader's address, their access and where it comes from."""
    primary = EmailAddress.objects.filter(user=request.user, primary=True).first()
    context = {
        "email": primary.email if primary else request.user.email,
        "status": readers.reader_status(request),
        "memberships": request.user.memberships.select_related("organisation"),
        "gifts": GiftLink.objects.filter(giver=request.user)
        .select_related("article__section")
        .order_by("-created_at")[:20],
        "gifts_left": readers.gifts_left(request),
        "now": timezone.now(),
    }
    return render(request, "subscriptions/account.html", context)


def subscribe(request):
    """« S'abonner »: the offers, and whom to write to (subscriptions are set up by the
    newsroom's editors, individually or for an organisation)."""
    return render(
        request, "subscriptions/subscribe.html", {"contact": settings.SUBSCRIPTIONS_CONTACT_EMAIL}
    )


def _safe_next(request):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return "/"


@never_cache
@require_http_methods(["GET", "POST"])
def organisation_access(request):
    """« Accès via mon organisation »: the reader's address (from the trusted proxy only,
    newsroom.login_protection.client_ip) checked against the subscribing organisations'
    networks; a match is remembered in the session (access.readers). A POST: it changes
    the session."""
    next_url = _safe_next(request)
    if request.method == "GET":
        return render(request, "subscriptions/organisation_access.html", {"next": next_url})
    network = readers.network_for_address(client_ip(request))
    if network is None:
        context = {"next": next_url, "refused": True}
        return render(request, "subscriptions/organisation_access.html", context, status=403)
    readers.grant_network_access(request, network)
    return redirect(next_url)


@require_POST
@login_required(login_url="account_login")
def give(request):
    """Create a gift link for the posted article, if the policy allows (access.readers)."""
    article = (
        Article.objects.published()
        .select_related("section")
        .filter(pk=_posted_id(request, "article"))
        .first()
    )
    if article is None:
        raise Http404("Article introuvable.")
    refusal = readers.gift_refusal(request, article)
    if refusal is not None:
        messages.error(request, refusal)
        return redirect("subscriptions:account")
    try:
        link = GiftLink.objects.create_within_quota(article, request.user)
    except QuotaReached:
        messages.error(request, f"Vous avez déjà offert {GIFTS_PER_MONTH} articles ce mois-ci.")
        return redirect("subscriptions:account")
    messages.success(
        request, f"Lien cadeau créé pour « {article.title} » : copiez son adresse ci-dessous."
    )
    return redirect(reverse("subscriptions:account") + f"#cadeau-{link.pk}")


@require_POST
@login_required(login_url="account_login")
def revoke(request, pk):
    """Revoke one of the reader's own gift links (another's is a 404)."""
    link = get_object_or_404(GiftLink, pk=pk, giver=request.user)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    messages.success(request, "Le lien cadeau est révoqué.")
    return redirect("subscriptions:account")


@never_cache
def gift(request, token):
    """A gift link: the article in full for whoever holds it, never cached, not indexed."""
    found = readers.gifted_article(token)
    if found is None:
        return render(request, "subscriptions/gift_invalid.html", status=404)
    link, article = found
    # A counter, not state the page depends on: each opening is one more use.
    GiftLink.objects.filter(pk=link.pk).update(uses=F("uses") + 1)
    context = article_page_context(article, reading=readers.GIFTED)
    context |= {"gift": link, "noindex": True}
    return render(request, "articles/article_detail.html", context)


def _posted_id(request, name):
    value = request.POST.get(name, "")
    # ASCII digits only: str.isdigit() accepts « ２ » or « ² », which int() reads or refuses.
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@never_cache
@login_required(login_url="account_login")
def account(request):
    """« Mon compte »: the reader's address and what they can do with their account."""
    primary = EmailAddress.objects.filter(user=request.user, primary=True).first()
    context = {"email": primary.email if primary else request.user.email}
    return render(request, "subscriptions/account.html", context)


def subscribe(request):
    """« S'abonner »: the offers, and whom to write to (subscriptions are set up by the
    newsroom's editors, individually or for an organisation)."""
    return render(
        request, "subscriptions/subscribe.html", {"contact": settings.SUBSCRIPTIONS_CONTACT_EMAIL}
    )

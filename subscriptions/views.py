from allauth.account.models import EmailAddress
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

"""Reader accounts on django-allauth, adapted to the newsroom.

- Readers land on « Mon compte » after logging in, signing up or confirming their
  address (LOGIN_REDIRECT_URL, which allauth would use, is the staff's admin dashboard).
- Allauth counts its rate limits per client address with the same rule as the staff
  login (newsroom.login_protection.client_ip): X-Forwarded-For is believed only from
  the trusted proxy.
- An account made by signing up is never staff, whatever was posted.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from newsroom.login_protection import client_ip


class ReaderAccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("subscriptions:account")

    def get_signup_redirect_url(self, request):
        # Signing up then confirming logs in: « Mon compte » too, never the admin.
        return reverse("subscriptions:account")

    def get_email_verification_redirect_url(self, email_address):
        if self.request.user.is_authenticated:
            return reverse("subscriptions:account")
        return reverse("account_login")

    def get_client_ip(self, request):
        return client_ip(request)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.is_staff = False
        user.is_superuser = False
        if commit:
            user.save()
        return user


def user_display(user):
    """ACCOUNT_USER_DISPLAY: « Connexion avec lectrice@chu-exemple.fr réussie »."""
    return user.email or user.get_username()

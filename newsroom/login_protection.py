"""Staff login: lockout after repeated failures (django-axes), optional TOTP code.

- Failures are counted per account and per client address (AXES_LOCKOUT_PARAMETERS);
  an unknown account is counted and answered exactly like a wrong password.
- The client address is REMOTE_ADDR, or, only behind the TLS proxy, the address that
  proxy appended to X-Forwarded-For: everything to its left is written by the client.
- A staff member who enrolled a TOTP device (newsroom/two_factor.py) must add its
  current code; a wrong code counts as a failed login, so codes cannot be guessed
  faster than passwords.
"""

import ipaddress

from axes.backends import AxesStandaloneBackend
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.signals import user_login_failed
from django.template.response import TemplateResponse
from django_otp import verify_token


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """AXES_CLIENT_IP_CALLABLE: the address failures are counted against."""
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        hops = settings.TRUSTED_PROXY_COUNT
        if hops and len(forwarded) >= hops:
            address = _valid_ip(forwarded[-hops])
            if address:
                return address
    return _valid_ip(remote) or remote


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check, for logins made through a request.

    Login views always pass the request. Code that authenticates without one (the
    test client's ``login()``, a shell) has no client to lock out; axes would raise.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def confirmed_totp_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


class StaffLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label="Code de vérification",
        required=False,
        max_length=12,
        strip=True,
        help_text="Les 6 chiffres de votre application d'authentification, "
        "si vous avez activé la double authentification.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_invalid": "Code de vérification manquant ou incorrect.",
    }

    def clean(self):
        cleaned = super().clean()
        user = self.user_cache
        device = confirmed_totp_device(user) if user is not None else None
        if device is not None:
            token = (cleaned.get("otp_token") or "").replace(" ", "")
            verified = token.isdigit() and verify_token(user, device.persistent_id, token)
            if not verified:
                # Counted by axes like a wrong password.
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": cleaned.get("username")},
                    request=self.request,
                )
                self.user_cache = None
                raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
            # django_otp persists it in the session when Django logs the user in.
            user.otp_device = device
        return cleaned


def lockout_response(request, original_response, credentials):
    """AXES_LOCKOUT_CALLABLE: a French page, status 429, in the admin's frame or, for the
    readers' login (subscriptions/), in the site's."""
    from django.contrib import admin

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if not request.path.startswith("/admin/"):
        context = {"lockout_minutes": minutes}
        return TemplateResponse(request, "subscriptions/lockout.html", context, status=429).render()
    context = {
        **admin.site.each_context(request),
        "title": "Connexion temporairement bloquée",
        "lockout_minutes": minutes,
    }
    return TemplateResponse(request, "admin/lockout.html", context, status=429).render()


class StaffPasswordResetForm(PasswordResetForm):
    """Reset links only go to staff; the page answers the same for any address."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)

"""Staff enrol a TOTP application (django-otp), confirm a session, or turn it off.

One admin page, /admin/securite/double-authentification/:
- no confirmed device: a QR code (and the key, to type by hand) for a new device,
  confirmed by a first valid code;
- a device, but this session was opened without a code: a code verifies it;
- a device and a verified session: it may be turned off with a current code, unless
  the setting OTP_REQUIRED_FOR_EDITORS makes it mandatory for this user.
"""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.staff import is_editor

DEVICE_NAME = "Application d'authentification"


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code à 6 chiffres",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        device = self.device
        if not (token.isdigit() and verify_token(device.user, device.persistent_id, token)):
            raise forms.ValidationError(
                "Code incorrect ou expiré : réessayez avec le code affiché."
            )
        return token


def _qr_svg(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    # Generated here from the device's own URL: no user input reaches the markup.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


def _grouped_key(device):
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _is_verified(user):
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def two_factor_view(request, site):
    from django.conf import settings

    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    mandatory = settings.OTP_REQUIRED_FOR_EDITORS and is_editor(user)

    if confirmed is None:
        state = "enrol"
        # The same pending key across reloads, so a scanned QR code stays valid.
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    else:
        device = confirmed
        state = "enabled" if _is_verified(user) else "verify"

    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and state == "enabled" and mandatory:
        messages.error(request, "La double authentification est obligatoire pour votre rôle.")
        return redirect(f"{site.name}:two_factor")
    if request.method == "POST" and form.is_valid():
        if state == "enabled":
            TOTPDevice.objects.filter(user=user).delete()
            request.session.pop("otp_device_id", None)
            messages.success(request, "La double authentification est désactivée.")
            return redirect(f"{site.name}:two_factor")
        with transaction.atomic():
            if state == "enrol":
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        otp_login(request, device)
        messages.success(
            request,
            "La double authentification est activée : chaque connexion vous demandera un code."
            if state == "enrol"
            else "Session vérifiée.",
        )
        return redirect(f"{site.name}:index")

    context = {
        **site.each_context(request),
        "title": "Double authentification",
        "state": state,
        "form": form,
        "mandatory": mandatory,
    }
    if state == "enrol":
        context["qr_svg"] = _qr_svg(device.config_url)
        context["secret"] = _grouped_key(device)
    return TemplateResponse(request, "admin/two_factor.html", context)

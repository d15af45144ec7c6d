"""django-otp's device admin: its QR code pages never answer 500 nor show a seed.

The second tour found /admin/otp_totp/totpdevice/<id>/config/ and /qrcode/ answering 500
to a journalist for any id without a device (the library looks the device up before it
checks permissions, so a 500 versus a 403 also told which ids exist). A TOTP seed is the
second factor itself: no one, a superuser included, reads another account's from the admin.
"""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import logged_in_reporting_500s

pytestmark = pytest.mark.django_db

PAGES = ["config", "qrcode"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("pk", ["1", "999", "99999999999999999999"])
def test_guessed_device_ids_are_refused_not_500(journalist, pk, page):
    response = logged_in_reporting_500s(journalist).get(f"/admin/otp_totp/totpdevice/{pk}/{page}/")
    assert response.status_code in (403, 404)


@pytest.mark.parametrize("page", PAGES)
def test_an_existing_device_answers_like_a_missing_one(journalist, editor, page):
    device = TOTPDevice.objects.create(user=editor, name="Téléphone", confirmed=True)
    client = logged_in_reporting_500s(journalist)
    existing = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{page}/")
    missing = client.get(f"/admin/otp_totp/totpdevice/{device.pk + 1}/{page}/")
    assert existing.status_code == missing.status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_a_superuser_does_not_read_a_colleague_seed(django_user_model, journalist, page):
    device = TOTPDevice.objects.create(user=journalist, name="Téléphone", confirmed=True)
    admin = django_user_model.objects.create_superuser("admin", password="motdepasse-de-test")
    response = logged_in_reporting_500s(admin).get(
        f"/admin/otp_totp/totpdevice/{device.pk}/{page}/"
    )
    assert response.status_code == 403
    assert device.key not in response.content.decode()

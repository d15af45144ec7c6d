"""Login protection on /admin/login/: lockout, client address, same answer for unknown
accounts, password reset by e-mail, validators, optional (or mandatory) TOTP codes."""

import re

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "motdepasse-de-test"
LIMIT = settings.AXES_FAILURE_LIMIT


def attempt(client, username, password, token=None, **meta):
    data = {"username": username, "password": password, "next": "/admin/"}
    if token is not None:
        data["otp_token"] = token
    return client.post(LOGIN, data, **meta)


def is_logged_in(client):
    return SESSION_KEY in client.session


def fail(client, username, times=LIMIT, **meta):
    for _ in range(times):
        attempt(client, username, "mauvais-mot-de-passe", **meta)


# --- Lockout -------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", ""])
def test_an_unsafe_next_lands_on_the_admin_dashboard(client, journalist, target):
    response = client.post(LOGIN, {"username": "journaliste", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_wrong_password_is_a_form_error(client, journalist):
    response = attempt(client, "journaliste", "mauvais")
    assert response.status_code == 200
    assert "Veuillez compléter correctement" in response.content.decode()
    assert not is_logged_in(client)


def test_right_password_refused_after_repeated_failures_on_the_account(client, journalist):
    # Each failure from a different address: the account alone is counted.
    for n in range(LIMIT):
        attempt(client, "journaliste", "mauvais", REMOTE_ADDR=f"198.51.100.{n + 1}")
    response = attempt(client, "journaliste", PASSWORD, REMOTE_ADDR="192.0.2.200")
    assert response.status_code == 429
    assert not is_logged_in(client)
    page = response.content.decode()
    assert "Connexion temporairement bloquée" in page
    assert "15 minutes" in page


def test_the_lock_expires_after_the_cool_off(client, journalist):
    fail(client, "journaliste")
    assert attempt(client, "journaliste", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME * 1.1, tick=False):
        response = attempt(client, "journaliste", PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_right_password_refused_after_failures_from_the_same_address(
    client, journalist, other_journalist
):
    # Guessing across many accounts from one address: the address is locked.
    for n in range(LIMIT):
        attempt(client, f"inconnu{n}", "mauvais", REMOTE_ADDR="203.0.113.7")
    response = attempt(client, "journaliste", PASSWORD, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert not is_logged_in(client)
    # Another address is not affected.
    response = attempt(client, "journaliste2", PASSWORD, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 302
    assert is_logged_in(client)


def test_a_wrong_totp_code_counts_as_a_failure(client, journalist):
    TOTPDevice.objects.create(user=journalist, name="Téléphone", confirmed=True)
    for _ in range(LIMIT):
        attempt(client, "journaliste", PASSWORD, token="000000")
    assert attempt(client, "journaliste", PASSWORD, token="000000").status_code == 429


# --- Client address --------------------------------------------------------------------


def test_x_forwarded_for_is_ignored_unless_behind_the_proxy(client, journalist, settings):
    settings.BEHIND_TLS_PROXY = False
    # A new made-up address on each try does not escape the per-address count.
    for n in range(LIMIT):
        attempt(client, f"inconnu{n}", "mauvais", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = attempt(client, "journaliste", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429


def test_behind_the_proxy_the_address_it_appended_is_counted(client, journalist, settings):
    settings.BEHIND_TLS_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for n in range(LIMIT):
        # The left part is the client's to write: changing it does not help.
        forwarded = f"192.0.2.{n}, 203.0.113.7"
        attempt(client, f"inconnu{n}", "mauvais", HTTP_X_FORWARDED_FOR=forwarded, **proxy)
    response = attempt(client, "journaliste", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert response.status_code == 429
    # Another reader behind the same proxy is not locked out.
    response = attempt(
        client, "journaliste", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy
    )
    assert response.status_code == 302


@pytest.mark.parametrize("forwarded", ["", "pas-une-adresse", " , "])
def test_a_malformed_forwarded_header_falls_back_to_the_peer(
    client, journalist, settings, forwarded
):
    settings.BEHIND_TLS_PROXY = True
    response = attempt(
        client, "journaliste", PASSWORD, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302


# --- Unknown accounts ----------------------------------------------------------------


def _errors(response):
    return [str(e) for e in response.context["form"].non_field_errors()]


def test_unknown_account_gets_the_same_answer_as_a_wrong_password(client, journalist):
    unknown = attempt(client, "personne", "mauvais", REMOTE_ADDR="198.51.100.1")
    wrong = attempt(client, "journaliste", "mauvais", REMOTE_ADDR="198.51.100.2")
    assert unknown.status_code == wrong.status_code == 200
    assert _errors(unknown) == _errors(wrong)
    # And the same lockout once the limit is reached.
    fail(client, "personne", LIMIT, REMOTE_ADDR="198.51.100.3")
    fail(client, "journaliste", LIMIT, REMOTE_ADDR="198.51.100.4")
    locked_unknown = attempt(client, "personne", "x", REMOTE_ADDR="198.51.100.5")
    locked_known = attempt(client, "journaliste", PASSWORD, REMOTE_ADDR="198.51.100.6")
    assert locked_unknown.status_code == locked_known.status_code == 429
    assert locked_unknown.content == locked_known.content


# --- Password reset ------------------------------------------------------------------


def test_login_page_links_to_the_password_reset(client):
    page = client.get(LOGIN).content.decode()
    assert 'href="/admin/password_reset/"' in page
    assert "Mot de passe oublié ?" in page


@pytest.fixture
def staff_with_email(journalist):
    journalist.email = "claire@example.fr"
    journalist.save()
    return journalist


def request_reset(client, email):
    return client.post("/admin/password_reset/", {"email": email}, follow=True)


def test_reset_mail_for_staff_and_the_same_page_for_anyone_else(client, staff_with_email, reader):
    reader.email = "lecteur@example.fr"
    reader.save()
    known = request_reset(client, "claire@example.fr")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["claire@example.fr"]
    assert "Réinitialisation de votre mot de passe" in message.subject
    assert "journaliste" in message.body
    for email in ("inconnu@example.fr", "lecteur@example.fr"):  # unknown, not staff
        other = request_reset(client, email)
        assert other.redirect_chain == known.redirect_chain
        assert other.status_code == known.status_code == 200
        assert other.content == known.content
    assert len(mail.outbox) == 1


def _reset_link(client):
    link = re.search(r"http://testserver(/admin/password_reset/\S+/)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    return response.redirect_chain[-1][0]


def test_the_reset_link_sets_a_new_password_that_passes_the_validators(client, staff_with_email):
    request_reset(client, "claire@example.fr")
    set_password_url = _reset_link(client)
    weak = client.post(set_password_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    assert weak.context["form"].errors
    strong = "Un-chapo-bien-tourne-2026"
    done = client.post(set_password_url, {"new_password1": strong, "new_password2": strong})
    assert done.status_code == 302
    staff_with_email.refresh_from_db()
    assert staff_with_email.check_password(strong)


def test_a_forged_reset_link_changes_nothing(client, staff_with_email):
    response = client.get("/admin/password_reset/MQ/abcdef-0123456789/")
    assert response.status_code == 200
    assert "form" not in response.context or not response.context.get("validlink")
    staff_with_email.refresh_from_db()
    assert staff_with_email.check_password(PASSWORD)


def test_validators_apply_when_staff_change_their_password(client, journalist):
    client.force_login(journalist)
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": "azerty12", "new_password2": "azerty12"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    journalist.refresh_from_db()
    assert journalist.check_password(PASSWORD)


def test_validators_apply_when_an_admin_creates_or_resets_an_account(
    client, django_user_model, journalist
):
    boss = django_user_model.objects.create_superuser("patronne", "p@example.fr", "x")
    client.force_login(boss)
    weak = {"password1": "12345678", "password2": "12345678", "usable_password": "true"}
    response = client.post(reverse("admin:auth_user_add"), {"username": "stagiaire", **weak})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not django_user_model.objects.filter(username="stagiaire").exists()
    url = reverse("admin:auth_user_password_change", args=[journalist.pk])
    response = client.post(url, weak)
    assert response.status_code == 200
    journalist.refresh_from_db()
    assert journalist.check_password(PASSWORD)


# --- Two-factor authentication -------------------------------------------------------


TWO_FACTOR = "/admin/securite/double-authentification/"


def code(device):
    """The code the staff member's app shows now."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def test_staff_enrol_an_authenticator_app(client, journalist):
    client.force_login(journalist)
    page = client.get(TWO_FACTOR)
    assert page.status_code == 200
    assert 'class="two-factor-qr"><svg' in page.content.decode()
    device = TOTPDevice.objects.get(user=journalist)
    assert not device.confirmed
    # Reloading keeps the same key (the scanned QR code stays valid).
    client.get(TWO_FACTOR)
    assert TOTPDevice.objects.get(user=journalist).key == device.key
    wrong = client.post(TWO_FACTOR, {"token": "123456" if code(device) != "123456" else "654321"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors
    device.refresh_from_db()
    assert not device.confirmed
    device.throttling_failure_count = 0
    device.save()
    response = client.post(TWO_FACTOR, {"token": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(TWO_FACTOR).context["state"] == "enabled"


@pytest.fixture
def enrolled(journalist):
    return TOTPDevice.objects.create(user=journalist, name="Téléphone", confirmed=True)


def test_login_with_a_valid_code(client, enrolled):
    response = attempt(client, "journaliste", PASSWORD, token=code(enrolled))
    assert response.status_code == 302
    assert is_logged_in(client)
    assert client.get(TWO_FACTOR).context["state"] == "enabled"  # a verified session


@pytest.mark.parametrize("token", ["", "000000", "abcdef", "1" * 12])
def test_login_without_a_valid_code_is_refused(client, enrolled, token):
    if token and token == code(enrolled):
        token = "999999"
    response = attempt(client, "journaliste", PASSWORD, token=token)
    assert response.status_code == 200
    assert "Code de vérification manquant ou incorrect." in _errors(response)
    assert not is_logged_in(client)


def test_a_code_is_accepted_only_once(client, enrolled):
    token = code(enrolled)
    assert attempt(client, "journaliste", PASSWORD, token=token).status_code == 302
    client.logout()
    assert attempt(client, "journaliste", PASSWORD, token=token).status_code == 200


def test_staff_without_a_device_log_in_with_their_password(client, journalist):
    assert attempt(client, "journaliste", PASSWORD).status_code == 302


def test_staff_may_turn_it_off_with_a_current_code(client, enrolled, journalist):
    assert attempt(client, "journaliste", PASSWORD, token=code(enrolled)).status_code == 302
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=31), tick=False):
        assert client.post(TWO_FACTOR, {"token": code(enrolled)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=journalist).exists()


# --- Mandatory for editors -----------------------------------------------------------


def test_mandatory_mode_sends_an_editor_without_a_device_to_enrolment(client, editor, settings):
    settings.OTP_REQUIRED_FOR_EDITORS = True
    client.force_login(editor)
    for url in ("/admin/", reverse("admin:articles_article_changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == TWO_FACTOR
    page = client.get(TWO_FACTOR)
    assert page.status_code == 200
    assert "obligatoire" in page.content.decode()
    # Logging out stays possible.
    assert client.post(reverse("admin:logout")).status_code == 200


def test_mandatory_mode_lets_a_verified_editor_in_and_keeps_journalists_optional(
    client, editor, journalist, settings
):
    settings.OTP_REQUIRED_FOR_EDITORS = True
    device = TOTPDevice.objects.create(user=editor, name="Téléphone", confirmed=True)
    assert attempt(client, "editeur", PASSWORD, token=code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200
    # An editor may not turn it off.
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=31), tick=False):
        client.post(TWO_FACTOR, {"token": code(device)})
    assert TOTPDevice.objects.filter(user=editor).exists()
    client.logout()
    client.force_login(journalist)
    assert client.get("/admin/").status_code == 200


def test_mandatory_mode_off_by_default(client, editor):
    assert settings.OTP_REQUIRED_FOR_EDITORS is False
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_mandatory_mode_asks_a_code_of_an_editor_whose_session_has_none(client, editor, settings):
    settings.OTP_REQUIRED_FOR_EDITORS = True
    device = TOTPDevice.objects.create(user=editor, name="Téléphone", confirmed=True)
    client.force_login(editor)  # a session opened without a code
    assert client.get("/admin/").url == TWO_FACTOR
    page = client.get(TWO_FACTOR)
    assert page.context["state"] == "verify"
    assert "qr_svg" not in page.context  # the key is never shown again
    assert client.post(TWO_FACTOR, {"token": "abc"}).status_code == 200
    device.throttling_failure_count = 0
    device.save()
    assert client.post(TWO_FACTOR, {"token": code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200

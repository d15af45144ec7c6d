"""Signing up: an e-mail address and a password, the address verified before any login;
nobody becomes staff by signing up; no address is revealed as taken."""

import pytest

from tests.readers.conftest import PASSWORD, link_in

pytestmark = pytest.mark.django_db


def sign_up(client, email, **extra_fields):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, **extra_fields}
    return client.post("/comptes/signup/", data)


def test_the_signup_page_is_french_in_the_site_frame(client):
    response = client.get("/comptes/signup/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Inscription" in content and "Mot de passe" in content
    assert 'class="site-header"' in content  # the site's header, not allauth's bare page
    assert content.count("<h1") == 1
    assert '<meta name="robots" content="noindex">' in content


def test_signing_up_sends_a_verification_email_and_logs_nobody_in(
    client, mailoutbox, django_user_model
):
    response = sign_up(client, "nouvelle@ars-exemple.fr")
    assert response.status_code == 302
    assert response["Location"] == "/comptes/confirm-email/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nouvelle@ars-exemple.fr"]
    assert message.subject.startswith("[Santé Politique]")
    assert "/comptes/confirm-email/" in message.body
    user = django_user_model.objects.get(email="nouvelle@ars-exemple.fr")
    assert not user.is_staff and not user.is_superuser
    # Not logged in: « Mon compte » sends to the login page.
    account = client.get("/comptes/")
    assert account.status_code == 302 and account["Location"].startswith("/comptes/login/")


def test_an_unverified_address_cannot_log_in_until_confirmed(client, mailoutbox, log_in):
    sign_up(client, "nouvelle@ars-exemple.fr")
    client.logout()
    response = log_in("nouvelle@ars-exemple.fr")
    assert response.status_code == 302 and response["Location"] == "/comptes/confirm-email/"
    assert client.get("/comptes/").status_code == 302  # still not logged in

    confirm = link_in(mailoutbox[-1])
    assert "Confirmer" in client.get(confirm).content.decode()
    response = client.post(confirm)
    assert response.status_code == 302 and response["Location"] == "/comptes/"  # not the admin
    page = client.get("/comptes/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Mon compte" in content and "nouvelle@ars-exemple.fr" in content


def test_signing_up_never_makes_staff_whatever_is_posted(client, django_user_model):
    sign_up(client, "pirate@exemple.fr", is_staff="on", is_superuser="on", username="admin2")
    user = django_user_model.objects.get(email="pirate@exemple.fr")
    assert not user.is_staff and not user.is_superuser


def test_a_taken_address_is_not_revealed(client, verified_reader, mailoutbox):
    """The page answers as for a new address; the owner gets an e-mail saying so."""
    taken = sign_up(client, verified_reader.email)
    fresh = sign_up(client, "libre@exemple.fr")
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert [m.to for m in mailoutbox] == [[verified_reader.email], ["libre@exemple.fr"]]


@pytest.mark.parametrize(
    "email, password2, error",
    [
        ("pas-une-adresse", PASSWORD, "Saisissez une adresse de courriel valide."),
        ("ok@exemple.fr", "autre-mot-de-passe-99", "Vous devez saisir deux fois le même"),
        ("ok@exemple.fr", "", "Ce champ est obligatoire."),
    ],
)
def test_bad_input_is_a_french_form_error_and_creates_nothing(
    client, django_user_model, email, password2, error
):
    data = {"email": email, "password1": PASSWORD, "password2": password2}
    response = client.post("/comptes/signup/", data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not django_user_model.objects.exists()


def test_a_weak_password_is_refused(client, django_user_model):
    data = {"email": "ok@exemple.fr", "password1": "123456", "password2": "123456"}
    response = client.post("/comptes/signup/", data)
    assert response.status_code == 200
    assert "trop courant" in response.content.decode()
    assert not django_user_model.objects.exists()

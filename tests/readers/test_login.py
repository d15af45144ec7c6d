"""Logging in and out as a reader: by e-mail address, throttled, never into the admin;
staff accounts use the admin's login (second factor, lockout)."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from tests.readers.conftest import PASSWORD, link_in

pytestmark = pytest.mark.django_db


def test_a_verified_reader_logs_in_and_lands_on_mon_compte(client, verified_reader, log_in):
    response = log_in(verified_reader.email)
    assert response.status_code == 302 and response["Location"] == "/comptes/"
    page = client.get("/comptes/")
    assert page.status_code == 200
    content = page.content.decode()
    assert f"Connexion avec {verified_reader.email} réussie" in content


def test_a_wrong_password_is_a_french_error(client, verified_reader, log_in):
    response = log_in(verified_reader.email, "mauvais-mot-de-passe")
    assert response.status_code == 200
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in response.content.decode()
    assert client.get("/comptes/").status_code == 302


def test_an_unknown_address_gets_the_same_answer_as_a_wrong_password(verified_reader, log_in):
    wrong = log_in(verified_reader.email, "mauvais-mot-de-passe")
    unknown = log_in("personne@exemple.fr", "mauvais-mot-de-passe")
    assert wrong.status_code == unknown.status_code == 200
    marker = "sont incorrects"
    assert marker in wrong.content.decode() and marker in unknown.content.decode()


def test_repeated_failures_on_one_account_refuse_even_the_right_password(
    client, verified_reader, log_in, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(verified_reader.email, "mauvais-mot-de-passe")
    response = log_in(verified_reader.email)
    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_from_one_address_lock_it_out(client, verified_reader, log_in, settings):
    """Guessing across many accounts from one address: the address is locked (axes)."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(f"inconnu-{n}@exemple.fr", "mauvais-mot-de-passe")
    response = log_in(verified_reader.email)
    assert response.status_code == 429
    content = response.content.decode()
    assert "Connexion temporairement bloquée" in content and 'class="site-header"' in content
    assert "_auth_user_id" not in client.session


def test_readers_never_reach_the_admin(client, verified_reader, log_in):
    log_in(verified_reader.email)
    for url in ("/admin/", "/admin/articles/article/", "/admin/auth/user/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_staff_accounts_get_the_wrong_password_answer_here(client, journalist, log_in):
    """A journalist's right password tells nothing here: staff sign in through the admin."""
    journalist.email = "journaliste@redaction.fr"
    journalist.set_password(PASSWORD)
    journalist.save()
    EmailAddress.objects.create(
        user=journalist, email=journalist.email, verified=True, primary=True
    )
    response = log_in(journalist.email)
    assert response.status_code == 200 and "sont incorrects" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post(client, verified_reader, log_in):
    log_in(verified_reader.email)
    page = client.get("/comptes/logout/")
    assert page.status_code == 200 and "_auth_user_id" in client.session  # a question only
    response = client.post("/comptes/logout/", follow=True)
    assert response.redirect_chain == [("/comptes/login/", 302)]
    assert "Vous êtes déconnecté" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Nothing left that would keep this reader out of the page cache.
    for cookie in ("sessionid", "messages"):
        assert cookie not in client.cookies or not client.cookies[cookie].value, cookie


def test_mon_compte_offers_to_log_out(client, verified_reader, log_in):
    log_in(verified_reader.email)
    content = client.get("/comptes/").content.decode()
    assert 'action="/comptes/logout/"' in content and "Se déconnecter" in content


@pytest.mark.parametrize("url", ["/comptes/login/", "/comptes/signup/", "/comptes/password/reset/"])
def test_forged_posts_without_the_csrf_token_are_refused(
    url, verified_reader, django_user_model, mailoutbox
):
    forger = Client(enforce_csrf_checks=True)
    data = {"login": verified_reader.email, "password": PASSWORD, "email": "x@exemple.fr"}
    users_before = django_user_model.objects.count()
    response = forger.post(url, data)
    assert response.status_code == 403
    assert "La vérification CSRF a échoué" in response.content.decode()
    # Not logged in, no account created, no mail sent.
    assert "_auth_user_id" not in forger.session
    assert django_user_model.objects.count() == users_before
    assert mailoutbox == []


def test_password_reset_by_email(client, verified_reader, mailoutbox, log_in):
    response = client.post("/comptes/password/reset/", {"email": verified_reader.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [verified_reader.email]
    link = link_in(mailoutbox[0])
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "Un-tout-nouveau-mot-de-passe-7"
    done = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                       {"password1": new, "password2": new})  # fmt: skip
    assert done.status_code == 302
    client.logout()
    assert log_in(verified_reader.email, PASSWORD).status_code == 200  # the old one: refused
    assert log_in(verified_reader.email, new)["Location"] == "/comptes/"


def test_a_reset_for_an_unknown_address_says_nothing(client, mailoutbox):
    response = client.post("/comptes/password/reset/", {"email": "personne@exemple.fr"})
    assert response.status_code == 302 and response["Location"] == "/comptes/password/reset/done/"


def test_staff_passwords_are_not_reset_here(client, editor, mailoutbox):
    editor.email = "chef@redaction.fr"
    editor.save()
    response = client.post("/comptes/password/reset/", {"email": editor.email})
    assert response.status_code == 302 and response["Location"] == "/comptes/password/reset/done/"
    assert not any("/comptes/password/reset/key/" in m.body for m in mailoutbox)

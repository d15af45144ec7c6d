"""CSV import and export of subscribers: all or nothing with a report of refused rows,
spreadsheet encodings and separators, no formula injection on export."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from subscriptions.models import Membership, Subscription
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db

IMPORT = "/admin/subscriptions/subscription/importer/"


def upload(text, encoding="utf-8", name="abonnes.csv"):
    return SimpleUploadedFile(name, text.encode(encoding), "text/csv")


def post(client, url, text, **kwargs):
    return client.post(url, {"file": upload(text, **kwargs)})


def test_a_good_file_creates_readers_and_subscriptions(group_editor, django_user_model):
    text = (
        "email;debut;fin\n"
        "Marie.Curie@CHU-exemple.fr;01/12/2026;30/11/2027 18:30\n"
        "paul@ars-exemple.fr;2026-12-01;2027-12-01\n"
    )
    response = post(group_editor, IMPORT, text)
    assert response.status_code == 302
    assert Subscription.objects.count() == 2
    marie = django_user_model.objects.get(email="marie.curie@chu-exemple.fr")
    assert not marie.is_staff and not marie.has_usable_password()
    ends = marie.subscriptions.get().ends_at
    assert ends.isoformat() == "2027-11-30T17:30:00+00:00"  # Paris time, to the minute


def test_windows_files_with_commas_are_read(group_editor):
    text = "email,debut,fin\r\nhelene@hôpital-exemple.fr,01/12/2026,01/12/2027\r\n"
    response = post(group_editor, IMPORT, text, encoding="cp1252")
    assert response.status_code == 302
    assert Subscription.objects.get().reader.email == "helene@hôpital-exemple.fr"


def test_one_bad_row_imports_nothing_and_every_refusal_is_reported(group_editor, journalist):
    journalist.email = "plume@redaction.fr"
    journalist.save()
    text = (
        "email;debut;fin\n"
        "bon@exemple.fr;01/12/2026;01/12/2027\n"
        "pas-une-adresse;01/12/2026;01/12/2027\n"
        "bon@exemple.fr;01/12/2026;01/12/2027\n"
        "date@exemple.fr;31/02/2026;01/12/2027\n"
        "envers@exemple.fr;01/12/2027;01/12/2026\n"
        "plume@redaction.fr;01/12/2026;01/12/2027\n"
    )
    response = post(group_editor, IMPORT, text)
    content = response.content.decode()
    assert response.status_code == 200 and "Rien n'a été importé" in content
    for expected in (
        "Ligne 3 : adresse e-mail invalide",
        "Ligne 4 : adresse déjà à la ligne 2",
        "Ligne 5 : date invalide",
        "Ligne 6 : la fin doit suivre le début",
        "Ligne 7 : compte de la rédaction",
    ):
        assert expected in content, expected
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "text, error",
    [
        ("", "Le fichier soumis est vide."),
        ("\n\n", "(trouvé : rien)"),
        ("nom;prenom\nx;y\n", "La première ligne doit être : email;debut;fin"),
        ("email;debut;fin\n\x00\n", "caractère nul"),
    ],
)
def test_unreadable_files_are_a_form_error(group_editor, text, error):
    response = post(group_editor, IMPORT, text)
    assert response.status_code == 200
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not Subscription.objects.exists()


def test_an_oversized_file_is_refused(group_editor):
    text = "email;debut;fin\n" + "x@exemple.fr;01/12/2026;01/12/2027\n" * 70_000
    response = post(group_editor, IMPORT, text)
    assert "dépasse 2 Mo" in response.content.decode()


def test_members_import_respects_the_seats(group_editor, organisation, make_reader):
    url = f"/admin/subscriptions/organisation/{organisation.pk}/membres/importer/"
    response = post(group_editor, url, "email\na@exemple.fr\nb@exemple.fr\nc@exemple.fr\n")
    assert "3 nouveaux membres pour 2 place(s) libre(s)" in response.content.decode()
    assert not Membership.objects.exists()
    response = post(group_editor, url, "email\na@exemple.fr\nb@exemple.fr\n")
    assert response.status_code == 302 and organisation.members.count() == 2


def test_exports_neutralise_formulas(group_editor, organisation, make_reader):
    evil = make_reader("=HYPERLINK(x)@exemple.fr")
    Membership.objects.create(organisation=organisation, reader=evil)
    url = f"/admin/subscriptions/organisation/{organisation.pk}/membres/exporter/"
    response = group_editor.get(url)
    content = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(x)@exemple.fr" in content
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_subscriptions_export_action(group_editor, subscriber):
    response = group_editor.post(
        "/admin/subscriptions/subscription/",
        {"action": "export_csv", "_selected_action": [str(subscriber.subscriptions.get().pk)]},
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "email;debut;fin;note"
    assert lines[1].startswith("abonnee@exemple.fr;")


def test_journalists_cannot_import_or_export(organisation, django_user_model):
    user = django_user_model.objects.create_user(username="p", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Journaliste"))
    client = logged_in(user)
    readers_before = django_user_model.objects.count()
    refused = post(client, IMPORT, "email;debut;fin\nintrus@exemple.fr;01/12/2026;01/12/2027\n")
    assert refused.status_code == 403
    assert not Subscription.objects.exists()
    assert django_user_model.objects.count() == readers_before
    members_url = f"/admin/subscriptions/organisation/{organisation.pk}/membres/importer/"
    assert post(client, members_url, "email\nintrus@exemple.fr\n").status_code == 403
    assert not Membership.objects.exists()
    url = f"/admin/subscriptions/organisation/{organisation.pk}/membres/exporter/"
    refused = client.get(url)
    assert refused.status_code == 403
    assert not refused["Content-Type"].startswith("text/csv")

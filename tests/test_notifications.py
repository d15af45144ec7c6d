"""Workflow e-mails: editors hear of submissions, authors of approval, scheduling and send-backs.

Mails leave only once the transition is committed (transaction.on_commit).
"""

from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles import notifications, workflow
from articles.models import Status
from authors.models import Author
from tests.helpers import change_url, logged_in
from tests.test_admin_articles import article_form_data, publication_data


@pytest.fixture
def staff(django_user_model):
    def make(username, email="", group=None, perms=(), **fields):
        user = django_user_model.objects.create_user(
            username=username, password="motdepasse-de-test", is_staff=True, email=email, **fields
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        if perms:
            user.user_permissions.add(*Permission.objects.filter(codename__in=perms))
        return user

    return make


@pytest.fixture
def newsroom(staff, journalist, editor):
    """Who should and should not get the editors' mail."""
    journalist.email, journalist.first_name = "plume@example.org", "Claire"
    journalist.save()
    editor.email = "chef@example.org"  # publish permission granted directly
    editor.save()
    return {
        "group_editor": staff("redac", "redac@example.org", group="Éditeur"),
        "no_email": staff("sansmail", group="Éditeur"),
        "inactive": staff("parti", "parti@example.org", group="Éditeur", is_active=False),
        "other_journalist": staff("autre", "autre@example.org", group="Journaliste"),
        "superuser": staff("root", "root@example.org", is_superuser=True),
    }


@pytest.fixture
def draft(make_article, journalist):
    return make_article(title="Déserts médicaux", status=Status.DRAFT, created_by=journalist)


def post(client, article, name, *, editor=False, comment="", **fields):
    data = article_form_data(article.section, article=article, **fields)
    if editor:
        data |= publication_data(article)
    data |= {"_transition": name, "transition_comment": comment}
    return client.post(change_url(article), data)


def recipients(mails):
    return sorted(address for mail in mails for address in mail.to)


def test_submission_mails_every_editor_after_commit(
    journalist, newsroom, draft, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post(logged_in(journalist), draft, "submit", comment="Relu deux fois")
        assert response.status_code == 302
    # Nothing leaves before the transaction commits.
    assert mailoutbox == [] and len(callbacks) == 1
    callbacks[0]()
    # Group or direct permission; never inactive, address-less or non-editor users.
    assert recipients(mailoutbox) == ["chef@example.org", "redac@example.org"]
    mail = mailoutbox[0]
    assert mail.subject == f"[{settings.SITE_NAME}] À relire : « Déserts médicaux »"
    assert "Claire a soumis l'article « Déserts médicaux » à la relecture." in mail.body
    assert "Relu deux fois" in mail.body
    assert f"{settings.SITE_URL}/admin/articles/article/{draft.pk}/change/" in mail.body
    assert all(len(m.to) == 1 for m in mailoutbox)  # addresses stay private


def test_send_back_mails_the_author_with_the_comment(
    journalist, editor, newsroom, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    # The byline's user hears of it too, the editor who acted does not.
    signer = newsroom["other_journalist"]
    byline = Author.objects.create(name="Marc Lefèvre", user=signer)
    article = make_article(
        title="Hôpital", status=Status.REVIEW, created_by=journalist, authors=[byline]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            logged_in(editor), article, "request_changes", editor=True, comment="Chiffre à sourcer"
        )
        assert response.status_code == 302
    assert recipients(mailoutbox) == ["autre@example.org", "plume@example.org"]
    mail = mailoutbox[0]
    assert "Corrections demandées : « Hôpital »" in mail.subject
    assert "Chiffre à sourcer" in mail.body
    assert "des corrections sont demandées" in mail.body


def test_schedule_and_publish_mail_the_author(
    journalist, editor, newsroom, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(title="PLFSS", status=Status.REVIEW, created_by=journalist)
    data = {"published_at_0": "15/06/2030", "published_at_1": "14:05"}
    with django_capture_on_commit_callbacks(execute=True):
        assert post(logged_in(editor), article, "schedule", editor=True, **data).status_code == 302
    assert recipients(mailoutbox) == ["plume@example.org"]
    assert "Programmé : « PLFSS »" in mailoutbox[0].subject
    assert "il sera publié le 15 juin 2030 à 14h05 (heure de Paris)" in mailoutbox[0].body

    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(logged_in(editor), article, "publish", editor=True).status_code == 302
    assert len(mailoutbox) == 2
    assert "Publié : « PLFSS »" in mailoutbox[1].subject
    assert mailoutbox[1].to == ["plume@example.org"]


def test_withdrawal_and_refused_transitions_mail_nobody(
    journalist, newsroom, draft, mailoutbox, django_capture_on_commit_callbacks
):
    client = logged_in(journalist)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        # Refused: the form error rolls everything back, no callback is even registered.
        assert post(client, draft, "publish").status_code == 200
    assert callbacks == [] and mailoutbox == []
    draft.status = Status.REVIEW
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, draft, "withdraw").status_code == 302
    assert mailoutbox == []


def test_nobody_is_told_about_their_own_action(
    editor, make_article, mailoutbox, django_capture_on_commit_callbacks
):
    editor.email = "chef@example.org"
    editor.save()
    article = make_article(status=Status.DRAFT, created_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article, "submit", editor)
        article.published_at = timezone.now() + timedelta(hours=1)
        workflow.perform(article, "schedule", editor)
    assert mailoutbox == []
    assert list(notifications.editors()) == [editor]


def test_a_mail_failure_does_not_undo_the_transition(
    journalist, newsroom, draft, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken_connection(*args, **kwargs):
        raise ConnectionRefusedError("serveur de courrier injoignable")

    monkeypatch.setattr(notifications, "get_connection", broken_connection)
    with django_capture_on_commit_callbacks(execute=True):
        assert post(logged_in(journalist), draft, "submit").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW and draft.transitions.count() == 1
    assert "injoignable" in caplog.text


@pytest.mark.parametrize(
    "title, subject_title",
    [
        ("Budget 2026\r\nBcc: fuite@example.net", "Budget 2026 Bcc: fuite@example.net"),
        ("Déserts médicaux :\nla carte", "Déserts médicaux : la carte"),
        ("Ondam\r\rvoté\t\x07en séance\u2028finale", "Ondam voté en séance finale"),
    ],
)
def test_line_breaks_in_a_title_never_lose_the_mail(
    journalist,
    editor,
    newsroom,
    make_article,
    mailoutbox,
    django_capture_on_commit_callbacks,
    title,
    subject_title,
):
    # A CR/LF in a header makes Django refuse the message (BadHeaderError), which the
    # robust on_commit callback would only log: the editors would never hear of it.
    article = make_article(title=title, status=Status.DRAFT, created_by=journalist)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article, "submit", journalist)
    assert recipients(mailoutbox) == ["chef@example.org", "redac@example.org"]
    for mail in mailoutbox:
        assert mail.subject == f"[{settings.SITE_NAME}] À relire : « {subject_title} »"
        assert f"l'article « {subject_title} »" in mail.body
        sent = mail.message()  # what the SMTP backend sends: no header was injected
        assert sent["Bcc"] is None
        assert str(make_header(decode_header(sent["Subject"]))) == mail.subject

    # The way back to the author folds the title as well.
    already_sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article, "request_changes", editor, comment="Titre à revoir")
    sent_back = mailoutbox[already_sent:]
    assert recipients(sent_back) == ["plume@example.org"]
    assert sent_back[0].subject == (
        f"[{settings.SITE_NAME}] Corrections demandées : « {subject_title} »"
    )

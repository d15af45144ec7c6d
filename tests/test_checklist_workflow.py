"""The checklist outside the article form: ``workflow.perform`` (shell, calendar) refuses to
schedule or publish a saved article with blocking items unless told to override, and
says so in the history; the calendar schedules waiting articles through it, while a new
date for an article already scheduled is not checked again (it was, when scheduled).
"""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.utils import timezone

from articles import calendar as cal
from articles import workflow
from articles.models import Status, Transition

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=cal.PARIS)
CAL_URL = "/admin/articles/article/calendrier/"


@pytest.fixture
def unsigned(make_article):
    """An article in review that nobody signs: its checklist blocks."""
    return make_article(title="Sans signature", status=Status.REVIEW, authors=[])


def test_perform_refuses_to_publish_a_blocking_article_and_saves_nothing(unsigned, editor):
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.perform(unsigned, "publish", editor)
    assert "Signature (Ajoutez au moins un auteur" in refused.value.message
    unsigned.refresh_from_db()
    assert (unsigned.status, unsigned.published_at) == (Status.REVIEW, None)
    assert not Transition.objects.filter(article=unsigned).exists()


def test_perform_with_the_override_publishes_and_records_it(unsigned, editor):
    entry = workflow.perform(unsigned, "publish", editor, "Urgent", override_checklist=True)
    unsigned.refresh_from_db()
    assert unsigned.status == Status.PUBLISHED
    assert entry.comment == (
        "Publié malgré la liste de contrôle : Signature (Ajoutez au moins un auteur dans "
        "les signatures).\nUrgent"
    )


def test_perform_checks_nothing_for_other_transitions(unsigned, editor):
    entry = workflow.perform(unsigned, "request_changes", editor, "Qui signe ?")
    assert entry.comment == "Qui signe ?"


def test_perform_publishes_a_complete_article_without_a_note(make_article, editor):
    article = make_article(status=Status.REVIEW)
    assert workflow.perform(article, "publish", editor).comment == ""


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def reschedule(client, article, when):
    data = {"published_at": when, "version": str(article.version), "next": CAL_URL}
    return client.post(f"{CAL_URL}{article.pk}/reprogrammer/", data)


@time_machine.travel(NOW, tick=False)
def test_the_calendar_does_not_schedule_a_waiting_article_that_blocks(editor_client, unsigned):
    response = reschedule(editor_client, unsigned, "2026-12-05T18:07")
    assert response.status_code == 302
    (message,) = messages_of(response)
    assert message.startswith("« Sans signature » n'a pas été reprogrammé : « Programmer » est")
    assert "Signature (Ajoutez au moins un auteur" in message
    unsigned.refresh_from_db()
    assert (unsigned.status, unsigned.published_at) == (Status.REVIEW, None)
    assert not Transition.objects.filter(article=unsigned).exists()


@time_machine.travel(NOW, tick=False)
def test_the_calendar_moves_an_already_scheduled_article_without_checking_again(
    editor_client, make_article
):
    article = make_article(
        status=Status.SCHEDULED, published_at=timezone.now() + timedelta(days=1), authors=[]
    )
    response = reschedule(editor_client, article, "2026-12-05T18:07")
    assert response.status_code == 302
    article.refresh_from_db()
    assert timezone.localtime(article.published_at, cal.PARIS).day == 5
    assert Transition.objects.get(article=article).comment == "Reprogrammé depuis le calendrier"

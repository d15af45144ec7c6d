"""The admin's history says what happened: « Soumis à la relecture par … »,
« Programmé pour le … par … », and never « Modification de Commentaire pour
l'historique » (the comment box is not a field of the article)."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from articles.models import Article, Status
from tests.test_admin_articles import ADD_URL, article_form_data, change_url, publication_data

pytestmark = pytest.mark.django_db


def last_history_line(article):
    return LogEntry.objects.filter(object_id=str(article.pk)).latest("pk").get_change_message()


def test_a_submission_says_who_submitted_it(journalist_client, journalist, sections, author):
    journalist.first_name, journalist.last_name = "Sophie", "Garnier"
    journalist.save()
    data = article_form_data(
        sections["politique"], bylines=[(author, 0)], _transition="submit",
        transition_comment="Prêt pour relecture.",
    )  # fmt: skip
    assert journalist_client.post(ADD_URL, data).status_code == 302
    line = last_history_line(Article.objects.get())
    assert line.startswith("Soumis à la relecture par Sophie Garnier.")
    assert "Commentaire pour l" not in line


def test_scheduling_says_when_and_by_whom(editor_client, editor, make_article):
    article = make_article(status=Status.REVIEW, published_at=None)
    at = timezone.localtime(timezone.now() + timedelta(days=2)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    article.published_at = at
    data = article_form_data(
        article.section, article=article, **publication_data(article), _transition="schedule"
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302
    line = last_history_line(article)
    assert line.startswith(f"Programmé pour le {at.day:02d} ")
    assert "à 09h30 par editeur." in line


def test_a_plain_save_still_lists_the_fields(editor_client, make_article):
    article = make_article(status=Status.DRAFT, published_at=None)
    data = article_form_data(
        article.section, article=article, **publication_data(article), title="Nouveau titre"
    )
    assert editor_client.post(change_url(article), data).status_code == 302
    assert "Titre" in last_history_line(article)

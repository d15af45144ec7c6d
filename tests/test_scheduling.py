"""Scheduling to the minute with no worker: visibility is decided when each page is built.

An editor schedules an article for T (a whole minute, Paris time) through the admin;
with the clock moved, one second before T it is on no public page, one second after
it is on all of them, and it leaves them all at its expiry. Nothing runs in between.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from tests.helpers import CHANGELIST_URL, change_url
from tests.test_admin_articles import article_form_data, form_errors, publication_data

TITLE = "Vaccination : le calendrier 2031 enfin dévoilé"
TITLE_SHOWN = "Vaccination\u00a0: le calendrier 2031 enfin dévoilé"  # French typography
SECOND = timedelta(seconds=1)


@pytest.fixture
def scheduled(editor_client, make_article, sections, author):
    """(article, T): scheduled through the admin for a whole minute two days ahead."""
    # Another published article with the same tag: the tag page exists either way.
    make_article(title="Un article déjà publié", tags=["vaccins"])
    article = make_article(title=TITLE, status=Status.REVIEW, tags=["vaccins"])
    when = timezone.localtime(timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    data = article_form_data(article.section, article=article) | publication_data(article)
    data |= {
        "published_at_0": when.strftime("%d/%m/%Y"),
        "published_at_1": when.strftime("%H:%M"),
        "_transition": "schedule",
    }
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.SCHEDULED, when)
    return article, when


def public_pages(article, author):
    section = article.section
    return {
        "article": article.get_absolute_url(),
        "home": reverse("articles:home"),
        "section": reverse("articles:resolve", kwargs={"path": section.path}),
        "parent section": reverse("articles:resolve", kwargs={"path": section.parent.path}),
        "tag": reverse("articles:tag", kwargs={"slug": article.tags.get().slug}),
        "author": reverse("authors:detail", kwargs={"slug": author.slug}),
    }


def visible_on(client, article, author):
    """The pages on which the article appears right now, and the article page's status."""
    found, statuses = set(), {}
    for name, url in public_pages(article, author).items():
        response = client.get(url)
        statuses[name] = response.status_code
        if response.status_code == 200 and TITLE_SHOWN in response.content.decode():
            found.add(name)
    return found, statuses


ALL_PAGES = {"article", "home", "section", "parent section", "tag", "author"}


def at(moment):
    return time_machine.travel(moment, tick=False)


def test_invisible_one_second_before_visible_one_second_after(client, scheduled, author):
    article, when = scheduled
    with at(when - SECOND):
        found, statuses = visible_on(client, article, author)
        assert found == set()
        assert statuses["article"] == 404
        # The other pages exist; the article is just not on them.
        assert all(code == 200 for name, code in statuses.items() if name != "article")
    with at(when):
        assert visible_on(client, article, author)[0] == ALL_PAGES
    with at(when + SECOND):
        found, statuses = visible_on(client, article, author)
        assert found == ALL_PAGES
        assert statuses["article"] == 200


def test_expiry_removes_it_from_every_page(client, editor_client, scheduled, author):
    article, when = scheduled
    expiry = when + timedelta(hours=3)
    with at(when + SECOND):
        data = article_form_data(article.section, article=article) | publication_data(article)
        local = timezone.localtime(expiry)
        data |= {"unpublish_at_0": f"{local:%d/%m/%Y}", "unpublish_at_1": f"{local:%H:%M}"}
        response = editor_client.post(change_url(article), data)
        assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.unpublish_at == expiry
    with at(expiry - SECOND):
        assert visible_on(client, article, author)[0] == ALL_PAGES
    with at(expiry):
        found, statuses = visible_on(client, article, author)
        assert found == set()
        assert statuses["article"] == 404


def test_guessed_urls_show_nothing_early(client, scheduled):
    article, when = scheduled
    with at(when - SECOND):
        for url in (article.get_absolute_url(), article.get_absolute_url() + "?preview=1"):
            assert client.get(url).status_code == 404
        assert not Article.objects.published().filter(pk=article.pk).exists()


def row_status(html, title):
    row = html[html.index(f">{title}</a>") :]
    row = row[: row.index("</tr>")]
    cell = row[row.index('class="field-effective_status"') :]
    return cell[cell.index(">") + 1 : cell.index("</td>")]


def test_no_missed_schedule_in_the_changelist(editor_client, scheduled):
    """A scheduled article whose time came shows as published: nothing has to flip it."""
    article, when = scheduled
    with at(when - SECOND):
        assert row_status(editor_client.get(CHANGELIST_URL).content.decode(), TITLE) == "Programmé"
    with at(when + SECOND):
        html = editor_client.get(CHANGELIST_URL).content.decode()
        assert row_status(html, TITLE) == "Publié"
        assert f'href="{article.get_absolute_url()}"' in html  # "Voir sur le site"
        response = editor_client.get(CHANGELIST_URL, {"statut": "published"})
        assert article in response.context["cl"].result_list
    # Still the status it was given: no job ran, none was needed.
    article.refresh_from_db()
    assert article.status == Status.SCHEDULED

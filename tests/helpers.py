"""Helpers shared by the test files: logged-in clients, admin addresses, forms read back.

Fixtures (editor_client, journalist_client…) are in tests/conftest.py; these are plain
functions, for tests that build their clients or addresses themselves.
"""

import html
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.html import escape

from articles.typography import french_text
from tests.security.payloads import parse_html

ADD_URL = "/admin/articles/article/add/"
CHANGELIST_URL = "/admin/articles/article/"
TRASH_URL = "/admin/articles/trashedarticle/"


def ago(**delta):
    """That long before now: ``ago(hours=2)``."""
    return timezone.now() - timedelta(**delta)


def shown(text):
    """``text`` as the reader sees it: with French typography (articles/typography.py),
    applied on render to titles, standfirsts, names, descriptions, <title>…"""
    return french_text(text)


def shown_html(text):
    """``shown(text)`` as it stands in the page's HTML (escaped), for raw-HTML checks."""
    return str(escape(french_text(text)))


def page_text(response):
    """The response's HTML with its entities decoded (``&#x27;`` back to ``'``…): to look
    for a message as the reader reads it, quotes included."""
    return html.unescape(response.content.decode())


def logged_in(user=None, **client_options):
    """A fresh client, logged in as ``user`` (anonymous with None).

    ``client_options`` go to Client: ``enforce_csrf_checks=True`` for CSRF tests, or
    ``raise_request_exception=False`` so that a view's exception comes back as a 500
    response, for tests whose finding is "never a 500": the assertion then names the
    payload or field at fault instead of stopping on a traceback.
    """
    client = Client(**client_options)
    if user is not None:
        client.force_login(user)
    return client


def logged_in_reporting_500s(user=None):
    """``logged_in``, with a view's exception answered as a 500 response, not raised."""
    return logged_in(user, raise_request_exception=False)


def change_url(article):
    return f"{CHANGELIST_URL}{article.pk}/change/"


def delete_url(article):
    return f"{CHANGELIST_URL}{article.pk}/delete/"


def trash_restore_url(article_or_pk):
    """The trash's restore view, for an article or a bare (possibly guessed) id."""
    pk = getattr(article_or_pk, "pk", article_or_pk)
    return f"{TRASH_URL}{pk}/restaurer/"


def rename(article, slug):
    """Give ``article`` a new slug: its (old, new) public addresses."""
    article.refresh_from_db()
    old_url = article.get_absolute_url()
    article.slug = slug
    article.save()
    return old_url, article.get_absolute_url()


def title_in_form(html):
    """The title shown in an article's form (a growing text box, not an input)."""
    form = parse_html(html.encode() if isinstance(html, str) else html)
    # A browser drops the newline Django writes after <textarea>.
    return form.get_element_by_id("id_title").text_content().removeprefix("\n")


def form_values(client, url, form_id="article_form"):
    """What the browser would post back from this admin page: a dict of lists of values.

    lxml leaves out an input without a value attribute, which a browser sends empty.
    """
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    data = defaultdict(list)
    for name, value in parse_html(response.content).get_element_by_id(form_id).form_values():
        data[name].append(value)
    return dict(data)


# The password of the verified_reader fixture (tests/conftest.py).
READER_PASSWORD = "Un-mot-de-passe-solide-42"


@contextmanager
def rolled_back_data(django_db_blocker, media_dir):
    """For module-scoped fixtures: a transaction on the test database, rolled back when the
    block ends, with uploads in ``media_dir``. What the block creates is shared by the
    module's tests and gone after them."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media_dir)):
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"pas une base de test : {name}"
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def staff_in_group(username, group_name, **fields):
    """A staff account whose rights come only from a real group, as the migrations create
    it (newsroom/roles.py: ``roles.JOURNALIST``, ``roles.EDITOR``): no permission of its own."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    fields.setdefault("password", "motdepasse-de-test")
    user = get_user_model().objects.create_user(username=username, is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user

"""The staff access policy, surface by surface: one table of (role × surface × article).

Each case's article comes with a revision, a share link and a document. The journalist
owns a draft and a scheduled article; their colleague (``other_journalist``) owns a
draft, an article in review and a published one. Each case asserts the status,
and for every refusal: nothing changed in the database and no unpublished title in the
response. A refused case is only meaningful if the same request goes through for
someone allowed: the editors' rows check that their POSTs do change something.
"""

import json
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from reversion.models import Revision

from articles import calendar as cal
from articles.models import Article, Resource, ShareLink, Status, Transition
from articles.revisions import article_revision, article_versions
from tests.test_admin_articles import article_form_data, publication_data

pytestmark = pytest.mark.django_db

ADMIN = "/admin/articles/article"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# A word of each title is unique: the search and the autocomplete look for it.
TITLES = {
    "own_draft": "Plan secret Alpha",
    "own_scheduled": "Annonce programmée Bravo",
    "others_draft": "Enquête confidentielle Charlie",
    "others_review": "Révélations Delta",
    "published": "Dossier public Echo",
}
# The articles each role is tried on ("own" is the journalist's, "others" their colleague's).
OBJECTS = {
    "editor": list(TITLES),
    "journalist": list(TITLES),
    "other_journalist": ["own_draft", "own_scheduled"],
    "reader": ["own_draft", "published"],
    "anonymous": ["own_draft", "published"],
}

# Expected answer per role, in the order of OBJECTS[role]. On list surfaces "+" means
# a 200 that lists the article, "-" a 200 that does not.
L5, L2 = "+ + + + +", "- -"
TABLE = {
    "changelist": {"editor": L5, "journalist": "+ + - - +", "other_journalist": L2},
    "search": {"editor": L5, "journalist": "+ + - - +", "other_journalist": L2},
    "calendar": {"editor": L5, "journalist": "+ + - - +", "other_journalist": L2},
    "autocomplete": {"editor": L5, "journalist": "+ + - - +", "other_journalist": L2},
    "change_get": {"editor": "200 " * 5, "journalist": "200 200 404 404 200"},
    "change_post": {"editor": "302 " * 5, "journalist": "302 403 404 404 403"},
    "transition": {"editor": "302 302 302 302 200", "journalist": "302 403 404 404 403"},
    # Django's history: to the timeline (the revisions page), or, for someone who may
    # not see the revisions, the timeline without them.
    "history": {"editor": "302 " * 5, "journalist": "302 302 404 404 200"},
    "revisions": {"editor": "200 " * 5, "journalist": "200 200 404 404 403"},
    "compare": {"editor": "200 " * 5, "journalist": "200 200 404 404 403"},
    "restore_get": {"editor": "200 " * 5, "journalist": "200 403 404 404 403"},
    "restore_post": {"editor": "302 " * 5, "journalist": "302 403 404 404 403"},
    "preview": {"editor": "200 " * 5, "journalist": "200 200 404 404 200"},
    "share_create": {"editor": "302 " * 5, "journalist": "403 403 404 404 403"},
    "share_revoke": {"editor": "302 " * 5, "journalist": "403 403 404 404 403"},
    # A published article is live: not moved from the calendar (a message, no change).
    "reschedule": {"editor": "302 302 302 302 302", "journalist": "403 403 404 404 403"},
    # A journalist deletes (to the trash) their own drafts only (articles 0010).
    "delete_get": {"editor": "200 " * 5, "journalist": "200 403 404 404 403"},
    "delete_post": {"editor": "302 " * 5, "journalist": "302 403 404 404 403"},
    # Django's "view on site" shortcut: a redirect to the public address (the slug).
    "view_on_site": {"editor": "302 " * 5, "journalist": "302 302 404 404 302"},
    "download": {
        "editor": "200 " * 5,
        "journalist": "200 200 404 404 200",
        "reader": "404 200",
        "anonymous": "404 200",
    },
}
LIST_SURFACES = {"changelist", "search", "calendar", "autocomplete"}
# Where an allowed answer must have changed something (proof the request is valid).
MUTATING = {
    "change_post", "transition", "restore_post", "share_create", "share_revoke",
    "reschedule", "delete_post",
}  # fmt: skip
# Editor answers that refuse the request itself (a live article), not the user.
NO_EFFECT = {("reschedule", "published"), ("transition", "published")}


def expected(surface, role, key):
    row = TABLE[surface]
    if role not in row:
        if role in ("reader", "anonymous"):
            return "302"  # the admin sends them to its login page
        return "404"  # other_journalist: their colleague's unpublished work
    answers = row[role].split()
    return answers[OBJECTS[role].index(key)]


CASES = [
    pytest.param(role, surface, key, id=f"{role}-{surface}-{key}")
    for surface in TABLE
    for role, keys in OBJECTS.items()
    for key in keys
]


# --- The newsroom of the table -----------------------------------------------------------


@pytest.fixture
def case_article(make_article, journalist, other_journalist, editor, media_root):
    """The article of one case, alone in the newsroom (lists must show it or not)."""

    def make(key):
        now = timezone.now()
        fields = {
            "own_draft": {"status": Status.DRAFT, "created_by": journalist},
            "own_scheduled": {
                "status": Status.SCHEDULED,
                "published_at": now + timedelta(days=2),
                "created_by": journalist,
            },
            "others_draft": {"status": Status.DRAFT, "created_by": other_journalist},
            "others_review": {"status": Status.REVIEW, "created_by": other_journalist},
            "published": {"created_by": other_journalist},
        }[key]
        article = make_article(title=TITLES[key], **fields)
        with article_revision(article, editor, "Première version"):
            pass
        # The live article differs from its revision: a restore changes something.
        article.standfirst = f"Chapô revu de {TITLES[key]}."
        article.save()
        ShareLink.objects.create(
            article=article, created_by=editor, expires_at=now + timedelta(days=7)
        )
        Resource.objects.create(article=article, title="Rapport", file=ContentFile(PDF, "r.pdf"))
        return article

    return make


@pytest.fixture
def client_for(request):
    def logged_in(role):
        client = Client()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return logged_in


def snapshot(article):
    """What a refused request must leave as it was."""
    return (
        Article.all_objects.filter(pk=article.pk).values().first(),
        Transition.objects.filter(article_id=article.pk).count(),
        list(ShareLink.objects.filter(article_id=article.pk).values_list("pk", "revoked_at")),
        Revision.objects.count(),
    )


# --- Surfaces: one request each ----------------------------------------------------------


def form_data(role, article, **fields):
    data = article_form_data(article.section, article=article, **fields)
    if role == "editor":
        data |= publication_data(article)
    return data


def request_surface(surface, role, client, article):
    url = f"{ADMIN}/{article.pk}"
    word = article.title.split()[-1]
    revision = article_versions(article).last().revision
    link = article.share_links.get()
    if surface == "changelist":
        return client.get(f"{ADMIN}/")
    if surface == "search":
        return client.get(f"{ADMIN}/", {"q": word})
    if surface == "calendar":
        moment = article.published_at or timezone.now()
        return client.get(f"{ADMIN}/calendrier/", {"mois": cal.month_param(cal.paris_day(moment))})
    if surface == "autocomplete":
        params = {"app_label": "articles", "model_name": "article"}
        params |= {"field_name": "related_articles", "term": word}
        return client.get("/admin/autocomplete/", params)
    if surface == "change_get":
        return client.get(f"{url}/change/")
    if surface == "change_post":
        return client.post(f"{url}/change/", form_data(role, article, title="Titre piraté"))
    if surface == "transition":
        name = "publish" if role == "editor" else "submit"
        return client.post(f"{url}/change/", form_data(role, article) | {"_transition": name})
    if surface == "history":
        return client.get(f"{url}/history/")
    if surface == "revisions":
        return client.get(f"{url}/revisions/")
    if surface == "compare":
        return client.get(f"{url}/revisions/comparer/", {"de": revision.pk, "vers": "actuelle"})
    if surface == "restore_get":
        return client.get(f"{url}/revisions/{revision.pk}/restaurer/")
    if surface == "restore_post":
        data = {"article_version": str(article.version)}
        return client.post(f"{url}/revisions/{revision.pk}/restaurer/", data)
    if surface == "preview":
        return client.get(f"{url}/apercu/")
    if surface == "share_create":
        return client.post(f"{url}/liens-apercu/", {"duration": "7", "note": "Relecture"})
    if surface == "share_revoke":
        return client.post(f"{url}/liens-apercu/{link.pk}/revoquer/")
    if surface == "reschedule":
        when = cal.to_local_input(timezone.now() + timedelta(days=5))
        data = {"published_at": when, "version": str(article.version)}
        return client.post(f"{ADMIN}/calendrier/{article.pk}/reprogrammer/", data)
    if surface == "delete_get":
        return client.get(f"{url}/delete/")
    if surface == "delete_post":
        return client.post(f"{url}/delete/", {"post": "yes"})
    if surface == "view_on_site":
        content_type = ContentType.objects.get_for_model(Article)
        return client.get(f"/admin/r/{content_type.pk}/{article.pk}/")
    if surface == "download":
        return client.get(f"/ressources/{article.resources.get().pk}/")
    raise AssertionError(surface)


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    text = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        # JSON escapes accents: compare with the decoded texts too.
        return text + " ".join(item["text"] for item in json.loads(text)["results"])
    return text


@pytest.mark.parametrize(("role", "surface", "key"), CASES)
def test_access_table(case_article, client_for, role, surface, key):
    article = case_article(key)
    want = expected(surface, role, key)
    before = snapshot(article)

    response = request_surface(surface, role, client_for(role), article)
    # Redirects included: a Location may carry the slug, made from the title.
    html = body(response) + response.get("Location", "")

    if want in ("+", "-"):
        assert response.status_code == 200
        assert (article.title in html) is (want == "+"), f"{article.title!r} listed: {want}"
    else:
        assert response.status_code == int(want)
    outsider = role in ("reader", "anonymous")
    refused = want in ("-", "403", "404") or (outsider and want == "302")
    if refused:
        assert snapshot(article) == before
        if not article.is_public:
            assert article.title not in html
            assert article.slug not in html
    elif surface in MUTATING and (surface, key) not in NO_EFFECT:
        assert snapshot(article) != before, "an allowed request must do something"


def test_every_role_surface_and_article_is_in_the_table():
    # 20 surfaces, 16 (role, article) pairs each.
    assert len(CASES) == len(TABLE) * sum(len(keys) for keys in OBJECTS.values())
    for surface, row in TABLE.items():
        for role, answers in row.items():
            assert len(answers.split()) == len(OBJECTS[role]), (surface, role)

"""Who gets what in the admin, role by role: one explicit table, so that widening a right
makes a test fail.

The staff roles get their rights only from the groups the migrations create
(newsroom/roles.py): no permission of their own. Rows: each model registered in the admin
(``admin.site._registry``) × its changelist, add page, change page and delete page (GET);
for articles, the change and delete pages and the "publish" and "schedule" transitions
(POST) on an article in each state. Answers: an HTTP status, or ``login`` for a redirect
to the admin's login page. Everything is created once for the module; each test runs in
a savepoint rolled back after it, so a transition that goes through changes nothing for
the next one.
"""

import io
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, ArticleAuthor, CallToAction, Section, Status
from articles.trash import trash_articles
from authors.models import Author
from newsroom import roles
from tests.helpers import logged_in, rolled_back_data, staff_in_group
from tests.test_admin_articles import article_form_data, publication_data

pytestmark = pytest.mark.django_db

ROLES = ["journalist", "editor", "reader", "subscriber", "outsider"]
STAFF = ["journalist", "editor"]
ACTIONS = ["changelist", "add", "change", "delete"]

# --- The table ---------------------------------------------------------------------------

# Staff answers per admin model, for "changelist add change delete" (GET).
ADMIN_TABLE = {
    "auth.group":                {"journalist": "403 403 403 403", "editor": "403 403 403 403"},
    "auth.user":                 {"journalist": "403 403 403 403", "editor": "403 403 403 403"},
    "axes.accessattempt":        {"journalist": "403 403 403 403", "editor": "403 403 403 403"},
    "axes.accesslog":            {"journalist": "403 403 403 403", "editor": "403 403 403 403"},
    "axes.accessfailurelog":     {"journalist": "403 403 403 403", "editor": "403 403 403 403"},
    "otp_totp.totpdevice":       {"journalist": "403 403 403 403", "editor": "403 403 403 403"},
    "articles.trashedarticle":   {"journalist": "403 403 403 403", "editor": "200 403 200 403"},
    "articles.article":          {"journalist": "200 200 200 200", "editor": "200 200 200 200"},
    "articles.section":          {"journalist": "200 403 200 403", "editor": "200 200 200 200"},
    "articles.calltoaction":     {"journalist": "403 403 403 403", "editor": "200 200 200 200"},
    "taggit.tag":                {"journalist": "200 403 200 403", "editor": "200 200 200 200"},
    "images.image":              {"journalist": "200 200 200 403", "editor": "200 200 200 200"},
    "authors.author":            {"journalist": "200 403 200 403", "editor": "200 200 200 200"},
    "redirects.redirect":        {"journalist": "403 403 403 403", "editor": "200 200 200 200"},
    "account.emailaddress":      {"journalist": "403 403 403 403", "editor": "403 403 403 403"},
    "subscriptions.subscription": {"journalist": "403 403 403 403", "editor": "200 200 200 200"},
    "subscriptions.organisation": {"journalist": "403 403 403 403", "editor": "200 200 200 200"},
}  # fmt: skip
# Readers (with or without a subscription) and anonymous visitors: every admin page sends
# them to the admin's login page.
NON_STAFF = {"reader": "login", "subscriber": "login", "outsider": "login"}

# The articles: "own" are the journalist's, "others" their colleague's.
STATES = ["own_draft", "others_draft", "own_review", "own_scheduled", "others_published"]
# Staff answers per article action, in the order of STATES. After a POST, "302" is the
# transition going through, "200" the form again with the refusal (a journalist's own
# article they may still change: "réservé aux éditeurs"; the article already there); the
# article's status is checked either way.
ARTICLE_TABLE = {
    "change":   {"journalist": "200 404 200 200 200", "editor": "200 200 200 200 200"},
    "delete":   {"journalist": "200 404 403 403 403", "editor": "200 200 200 200 200"},
    "publish":  {"journalist": "200 404 200 403 403", "editor": "302 302 302 302 200"},
    "schedule": {"journalist": "200 404 200 403 403", "editor": "302 302 302 200 200"},
}  # fmt: skip
TRANSITIONS = {"publish": Status.PUBLISHED, "schedule": Status.SCHEDULED}


def expected_admin(role, model, action):
    if role in NON_STAFF:
        return NON_STAFF[role]
    return ADMIN_TABLE[model][role].split()[ACTIONS.index(action)]


def expected_article(role, action, state):
    if role in NON_STAFF:
        return NON_STAFF[role]
    return ARTICLE_TABLE[action][role].split()[STATES.index(state)]


def label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


REGISTERED = sorted(label(model) for model in admin.site._registry)
ADMIN_CASES = [
    pytest.param(role, model, action, id=f"{role}-{model}-{action}")
    for model in REGISTERED
    for action in ACTIONS
    for role in ROLES
]
ARTICLE_CASES = [
    pytest.param(role, action, state, id=f"{role}-article-{action}-{state}")
    for action in ARTICLE_TABLE
    for state in STATES
    for role in ROLES
]


# --- The newsroom, once for the module ---------------------------------------------------


def _jpeg():
    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (1200, 800), "teal").save(out, "JPEG")
    return ContentFile(out.getvalue(), name="photo.jpg")


def _objects(users, articles):
    """One object per admin model (the change and delete pages need one)."""
    from allauth.account.models import EmailAddress
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from taggit.models import Tag

    from images.models import Image
    from redirects.models import Redirect
    from subscriptions.models import Organisation

    now = timezone.now()
    section = Section.objects.get(slug="table-des-roles")
    trashed = Article.objects.create(
        title="Article à la corbeille", section=section, created_by=users["journalist"]
    )
    trash_articles([trashed], users["editor"])
    attempt = {"user_agent": "test", "ip_address": "10.0.0.1", "username": "x",
               "http_accept": "*/*", "path_info": "/admin/login/", "attempt_time": now}  # fmt: skip
    image = Image(file=_jpeg(), alt_text="Couloir d'un hôpital", credit="Rédaction")
    image.save()
    # A journalist only sees the tags of articles they may see (access.staff.visible_tags).
    tag = Tag.objects.create(name="hôpital", slug="hopital")
    articles["others_published"].tags.add(tag)
    return {
        "auth.group": Group.objects.get(name=roles.JOURNALIST),
        "auth.user": users["reader"],
        "axes.accessattempt": AccessAttempt.objects.create(
            **attempt, get_data="", post_data="", failures_since_start=1
        ),
        "axes.accesslog": AccessLog.objects.create(**attempt),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**attempt),
        "otp_totp.totpdevice": TOTPDevice.objects.create(user=users["editor"], name="Téléphone"),
        "articles.trashedarticle": trashed,
        "articles.article": None,  # in ARTICLE_TABLE, state by state
        "articles.section": section,
        "articles.calltoaction": CallToAction.objects.create(text="Besoin d'aide ?"),
        "taggit.tag": tag,
        "images.image": image,
        "authors.author": Author.objects.get(name="Claire Dubois"),
        "redirects.redirect": Redirect.objects.create(old_path="/ancien/", new_path="/nouveau/"),
        "account.emailaddress": EmailAddress.objects.create(
            user=users["reader"], email="lecteur@chu-exemple.fr", verified=True, primary=True
        ),
        "subscriptions.subscription": users["subscriber"].subscriptions.get(),
        "subscriptions.organisation": Organisation.objects.create(
            name="CHU de Rouen", seats=10, ends_at=now + timedelta(days=365)
        ),
    }


def _articles(users):
    now = timezone.now()
    section = Section.objects.get(slug="table-des-roles")
    author = Author.objects.get(name="Claire Dubois")
    journalist, colleague = users["journalist"], users["other_journalist"]
    fields = {
        "own_draft": {"status": Status.DRAFT, "created_by": journalist},
        "others_draft": {"status": Status.DRAFT, "created_by": colleague},
        "own_review": {"status": Status.REVIEW, "created_by": journalist},
        "own_scheduled": {
            "status": Status.SCHEDULED, "published_at": now + timedelta(days=2),
            "created_by": journalist,
        },
        "others_published": {
            "status": Status.PUBLISHED, "published_at": now - timedelta(hours=1),
            "created_by": colleague,
        },
    }  # fmt: skip
    articles = {}
    for state, each in fields.items():
        article = Article.objects.create(
            title=f"Article {state}",
            standfirst="Un chapô assez long pour la liste de contrôle de l'article.",
            body="<h2>Intertitre</h2><p>Le texte de l'article.</p>",
            section=section,
            **each,
        )
        ArticleAuthor.objects.create(article=article, author=author, position=0)
        articles[state] = article
    return articles


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    from subscriptions.models import Subscription

    with rolled_back_data(django_db_blocker, tmp_path_factory.mktemp("role-table-media")):
        users = {
            "journalist": staff_in_group("table-journaliste", roles.JOURNALIST),
            "other_journalist": staff_in_group("table-journaliste2", roles.JOURNALIST),
            "editor": staff_in_group("table-editeur", roles.EDITOR),
            "reader": get_user_model().objects.create_user(username="table-lecteur"),
            "subscriber": get_user_model().objects.create_user(username="table-abonnee"),
        }
        now = timezone.now()
        Subscription.objects.create(
            reader=users["subscriber"], starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=30),
        )  # fmt: skip
        Section.objects.create(name="Table des rôles", slug="table-des-roles")
        Author.objects.create(name="Claire Dubois", job_title="Journaliste santé")
        clients = {role: logged_in(users.get(role)) for role in ROLES}
        articles = _articles(users)
        yield {
            "users": users,
            "clients": clients,
            "objects": _objects(users, articles),
            "articles": articles,
        }


# --- The tests ---------------------------------------------------------------------------


def answer(response):
    """The status, or "login" for the admin's redirect to its login page."""
    if response.status_code == 302 and response["Location"].startswith("/admin/login/?next="):
        return "login"
    return str(response.status_code)


def admin_url(model, action, obj=None):
    base = f"/admin/{model.replace('.', '/')}/"
    if action == "changelist":
        return base
    if action == "add":
        return f"{base}add/"
    return f"{base}{obj.pk}/{action}/"


@pytest.mark.parametrize(("role", "model", "action"), ADMIN_CASES)
def test_admin_page(world, role, model, action):
    want = expected_admin(role, model, action)
    obj = world["objects"][model]
    if model == "articles.article" and action in ("change", "delete"):
        obj = world["articles"]["own_draft"]
    response = world["clients"][role].get(admin_url(model, action, obj))
    assert answer(response) == want


def transition_data(article, name):
    data = article_form_data(article.section, article=article, title=article.title)
    data |= publication_data(article) | {"_transition": name, "checklist_override": "on"}
    if name == "schedule":
        data |= {"published_at_0": "01/01/2099", "published_at_1": "09:00:00"}
    return data


@pytest.mark.parametrize(("role", "action", "state"), ARTICLE_CASES)
def test_article(world, role, action, state):
    want = expected_article(role, action, state)
    article = Article.objects.get(pk=world["articles"][state].pk)
    client = world["clients"][role]
    if action in TRANSITIONS:
        response = client.post(
            admin_url("articles.article", "change", article), transition_data(article, action)
        )
    else:
        response = client.get(admin_url("articles.article", action, article))
    assert answer(response) == want
    if action in TRANSITIONS:
        status = Article.objects.get(pk=article.pk).status
        if want == "302":
            assert status == TRANSITIONS[action]
        else:
            assert status == article.status, "a refused transition must change nothing"
        if want == "200" and role == "journalist":
            assert "est réservé aux éditeurs" in response.content.decode()


def test_the_table_covers_every_admin_model():
    assert sorted(ADMIN_TABLE) == REGISTERED
    for row in [*ADMIN_TABLE.values(), *ARTICLE_TABLE.values()]:
        assert sorted(row) == sorted(STAFF)


def test_staff_rights_come_only_from_the_groups(world):
    for name in ("journalist", "other_journalist", "editor"):
        user = world["users"][name]
        assert not user.user_permissions.exists()
        assert not user.is_superuser
    assert world["users"]["subscriber"].subscriptions.current().exists()

"""Admin lists accept only the filters, search and date navigation they offer.

Any other lookup in the query string (``?body__regex=(a+)+$`` stalled a worker) is a 400,
for every registered model admin, Django's and taggit's included; every offered filter
value, the search, the date drill-down and the ordering still answer 200.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.models import CallToAction, Status
from redirects.models import Redirect

pytestmark = pytest.mark.django_db

# Admins that must be among those tested (the tests run on every registered one):
# Django's, taggit's and the installed apps' as well as ours.
EXPECTED_ADMINS = {
    ("auth", "group"), ("auth", "user"), ("taggit", "tag"), ("axes", "accessattempt"),
    ("axes", "accesslog"), ("axes", "accessfailurelog"), ("otp_totp", "totpdevice"),
    ("articles", "article"), ("articles", "section"), ("articles", "calltoaction"),
    ("images", "image"), ("authors", "author"), ("redirects", "redirect"),
}  # fmt: skip


def registered():
    return sorted(
        ((m._meta.app_label, m._meta.model_name), ma) for m, ma in admin.site._registry.items()
    )


ADMINS = [key for key, _ in registered()]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("patronne", "patronne@example.fr", "x")


@pytest.fixture
def newsroom(superuser, make_article, make_library_image, author, sections):
    """At least one object of every model, so that every filter offers its values."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    image = make_library_image(uploader=superuser)
    make_article(tags=["hôpital", "budget"], featured=True, hero_image=image, created_by=superuser)
    make_article(status=Status.DRAFT, section=sections["esante"])
    CallToAction.objects.create(text="Abonnez-vous", link_label="S'abonner", link_url="/")
    Redirect.objects.create(old_path="/ancien/", new_path="/nouveau/")
    Group.objects.create(name="Stagiaires")
    TOTPDevice.objects.create(user=superuser, name="Téléphone")
    now = timezone.now()
    common = {"ip_address": "203.0.113.7", "username": "x", "user_agent": "t", "path_info": "/"}
    AccessAttempt.objects.create(failures_since_start=1, attempt_time=now, **common)
    AccessLog.objects.create(attempt_time=now, **common)
    AccessFailureLog.objects.create(attempt_time=now, locked_out=False, **common)


def changelist(app_label, model_name):
    return reverse(f"admin:{app_label}_{model_name}_changelist")


def first_text_field(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            return field.name
    raise AssertionError(f"{model} has no text field")


def test_every_admin_is_covered():
    assert set(ADMINS) >= EXPECTED_ADMINS


def assert_refused(response, *context):
    """A 400 before any query: Django's bare « Bad Request » page, no list of objects."""
    assert response.status_code == 400, context
    html = response.content.decode()
    assert "Bad Request (400)" in html, context
    assert 'id="result_list"' not in html and 'id="changelist"' not in html, context


def bogus_lookups(model):
    text = first_text_field(model)
    return [
        {f"{text}__regex": "(a+)+$"},
        {"id__gt": "0"},
        {"pk__in": "1,2"},
        {f"{text}__startswith": "a"},
        {"inconnu": "1"},
        # A filter's own field with a lookup the filter does not offer.
        {f"{text}__iregex": ".*"},
    ]


@pytest.mark.parametrize("key", ADMINS, ids=["_".join(k) for k in ADMINS])
def test_a_lookup_the_list_does_not_offer_is_a_400(client, superuser, newsroom, key):
    client.force_login(superuser)
    model = next(m for m in admin.site._registry if m._meta.label_lower == ".".join(key))
    for params in bogus_lookups(model):
        assert_refused(client.get(changelist(*key), params), key, params)
        # Offered parameters do not make a refused one acceptable.
        response = client.get(changelist(*key), {"q": "a", "o": "1", **params})
        assert_refused(response, key, params)


@pytest.mark.parametrize(
    "params",
    [
        {"body__regex": "(a+)+$"},
        {"standfirst__contains": "x"},
        {"created_by__password__startswith": "p"},
        {"published_at__month": "3"},  # drill-down without its year
        {"published_at__gte": "2020-01-01"},  # the range is Django's to build
        {"statut": "publie", "title__regex": "x"},
        {"_changelist_filters": "body__regex=x"},
    ],
)
def test_article_list_refuses_hand_made_lookups(client, journalist, newsroom, params):
    client.force_login(journalist)
    assert_refused(client.get(changelist("articles", "article"), params), params)


def test_password_hashes_cannot_be_probed(client, superuser, newsroom):
    client.force_login(superuser)
    for params in ({"password__startswith": "p"}, {"password__regex": "^md5"}):
        response = client.get(changelist("auth", "user"), params)
        assert_refused(response, params)
        assert "patronne" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"published_at__year": "9999"},
        {"published_at__year": "99999999999999999999"},
        {"published_at__year": "-1"},
        {"published_at__year": "2026", "published_at__month": "13"},
        {"published_at__year": "2026", "published_at__month": "2", "published_at__day": "30"},
        {"published_at__year": "２０２６"},  # full-width digits
    ],
)
def test_impossible_dates_in_the_drill_down_are_a_400_not_a_500(
    client, superuser, newsroom, params
):
    client.force_login(superuser)
    assert_refused(client.get(changelist("articles", "article"), params), params)


def offered_queries(client, key):
    """Every query string the list itself links to: filter values, drill-down, ordering."""
    response = client.get(changelist(*key))
    assert response.status_code == 200
    cl = response.context["cl"]
    queries = [{"_facets": "True"}, {"all": ""}, {"p": "1"}, {"e": "1"}, {"_popup": "1"}]
    queries.append({"_popup": "1", "_to_field": "id"})
    for spec in cl.filter_specs:
        for choice in spec.choices(cl):
            queries.append(choice["query_string"])
    if cl.search_fields:
        queries.append({"q": "hôpital budget"})
    for index in range(1, len(cl.list_display)):
        queries.append({"o": f"{index}"})
        queries.append({"o": f"-{index}.1"})
    if cl.date_hierarchy:
        today = timezone.localdate()
        field = cl.date_hierarchy
        drill = {f"{field}__year": str(today.year)}
        queries.append(dict(drill))
        drill[f"{field}__month"] = str(today.month)
        queries.append(dict(drill))
        drill[f"{field}__day"] = str(today.day)
        queries.append({**drill, "q": "a", "o": "1"})
    return queries


@pytest.mark.parametrize("key", ADMINS, ids=["_".join(k) for k in ADMINS])
def test_what_the_list_offers_still_answers(client, superuser, newsroom, key):
    client.force_login(superuser)
    queries = offered_queries(client, key)
    for query in queries:
        url = changelist(*key) + query if isinstance(query, str) else changelist(*key)
        response = client.get(url, {} if isinstance(query, str) else query)
        assert response.status_code == 200, (key, query)


def test_filters_are_offered_and_narrow_the_list(client, superuser, newsroom):
    client.force_login(superuser)
    offered = offered_queries(client, ("articles", "article"))
    strings = [q for q in offered if isinstance(q, str)]
    # The article list offers its status, section, featured, tags and "mine" filters.
    for param in ("statut=", "section__id__exact=", "featured__exact=", "tags__id__exact=",
                  "cree_par=moi"):  # fmt: skip
        assert any(param in q for q in strings), param
    response = client.get(changelist("articles", "article"), {"statut": Status.DRAFT})
    assert response.context["cl"].result_count == 1


def test_change_form_keeps_the_list_filters_it_came_from(client, superuser, newsroom):
    client.force_login(superuser)
    redirect = Redirect.objects.get()
    url = reverse("admin:redirects_redirect_change", args=[redirect.pk])
    response = client.get(url, {"_changelist_filters": "kind__exact=manuelle"})
    assert response.status_code == 200

"""Editors manage subscriptions and organisations in the admin (the « Éditeur » group
the migrations create); journalists cannot see them; bad input is a French form error."""

import pytest
from django.contrib.auth.models import Group

from subscriptions.models import Membership, Network, Organisation, Subscription
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db

ORG_ADD = "/admin/subscriptions/organisation/add/"


def organisation_post(**overrides):
    data = {
        "name": "ARS Bretagne", "seats": "1",
        "starts_at_0": "01/12/2026", "starts_at_1": "09:00",
        "ends_at_0": "30/11/2027", "ends_at_1": "18:30",
        "domains-TOTAL_FORMS": "1", "domains-INITIAL_FORMS": "0",
        "domains-0-domain": "ars.sante.fr",
        "networks-TOTAL_FORMS": "1", "networks-INITIAL_FORMS": "0",
        "networks-0-cidr": "203.0.113.0/24",
        "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_an_editor_creates_an_organisation_with_its_domain_and_network(group_editor):
    response = group_editor.post(ORG_ADD, organisation_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get()
    assert organisation.domains.get().domain == "ars.sante.fr"
    assert organisation.networks.get().cidr == "203.0.113.0/24"
    # Paris time, to the minute.
    assert organisation.ends_at.isoformat() == "2027-11-30T17:30:00+00:00"


@pytest.mark.parametrize(
    "field, value, error",
    [
        ("networks-0-cidr", "192.0.2.300/24", "n&#x27;est pas une plage d&#x27;adresses"),
        ("networks-0-cidr", "pas une plage", "n&#x27;est pas une plage d&#x27;adresses"),
        ("networks-0-cidr", "0.0.0.0/0", "est une plage trop large"),
        ("networks-0-cidr", "::/0", "est une plage trop large"),
        ("domains-0-domain", "pas un domaine", "n&#x27;est pas un nom de domaine"),
        ("ends_at_0", "01/01/2026", "La fin doit suivre le début."),
        ("seats", "-1", "supérieure ou égale à 0"),
    ],
)
def test_bad_input_is_a_french_error_and_saves_nothing(group_editor, field, value, error):
    response = group_editor.post(ORG_ADD, organisation_post(**{field: value}))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Organisation.objects.exists() and not Network.objects.exists()


def test_a_domain_belongs_to_one_organisation(group_editor):
    group_editor.post(ORG_ADD, organisation_post())
    response = group_editor.post(ORG_ADD, organisation_post(name="Autre"))
    assert response.status_code == 200
    assert "existe déjà" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_members_beyond_the_seats_are_refused(group_editor, make_reader):
    group_editor.post(ORG_ADD, organisation_post())
    organisation = Organisation.objects.get()
    first, second = make_reader("a@exemple.fr"), make_reader("b@exemple.fr")
    url = f"/admin/subscriptions/organisation/{organisation.pk}/change/"
    data = organisation_post(**{
        "domains-INITIAL_FORMS": "1", "domains-0-id": str(organisation.domains.get().pk),
        "domains-0-organisation": str(organisation.pk),
        "networks-INITIAL_FORMS": "1", "networks-0-id": str(organisation.networks.get().pk),
        "networks-0-organisation": str(organisation.pk),
        "members-TOTAL_FORMS": "2",
        "members-0-reader": str(first.pk), "members-0-via": "redaction",
        "members-1-reader": str(second.pk), "members-1-via": "redaction",
    })  # fmt: skip
    response = group_editor.post(url, data)
    assert response.status_code == 200
    assert "L&#x27;organisation a 1 place(s)" in response.content.decode()
    assert not Membership.objects.exists()


def test_an_editor_adds_an_individual_subscription(group_editor, make_reader):
    reader = make_reader("lecteur@exemple.fr")
    response = group_editor.post(
        "/admin/subscriptions/subscription/add/",
        {"reader": str(reader.pk), "starts_at_0": "01/12/2026", "starts_at_1": "00:00",
         "ends_at_0": "01/12/2027", "ends_at_1": "00:00", "note": "Offre annuelle"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Subscription.objects.get().reader == reader


@pytest.mark.parametrize(
    "url",
    [
        "/admin/subscriptions/subscription/",
        "/admin/subscriptions/organisation/",
        "/admin/subscriptions/organisation/add/",
    ],
)
def test_journalists_have_no_access(url, django_user_model):
    user = django_user_model.objects.create_user(
        username="plume", password="motdepasse-de-test", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Journaliste"))
    response = logged_in(user).get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "403 Forbidden" in html and "<form" not in html and 'id="result_list"' not in html

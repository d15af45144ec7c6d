"""The demo's subscribers (``manage.py seed_demo``): a subscriber, an expired subscriber,
and an organisation with an e-mail domain (one member) and this machine's addresses as
its network, so that « Accès via mon organisation » can be tried locally. Passwords are
new on every run, like the staff's."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from subscriptions.models import Domain, Membership, Network, Organisation, Subscription, Via

DOMAIN = "chu-demo.example"
NETWORKS = ("127.0.0.0/8", "::1/128")


@dataclass
class DemoSubscribers:
    accounts: dict  # label: (email, password)
    organisation: Organisation
    domain: str
    network: str


def demo_reader(username, email):
    """(reader, new password): a reader account with ``email`` as its only, verified
    address (a re-run after the address changed keeps one primary address)."""
    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
    password = secrets.token_urlsafe(12)
    user.email = email
    user.is_staff = user.is_superuser = False
    user.set_password(password)
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email=email).delete()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return user, password


def seed_subscribers(now=None):
    now = now or timezone.now()
    subscriber, subscriber_password = demo_reader("abonne-demo", "abonne@exemple-demo.fr")
    Subscription.objects.update_or_create(
        reader=subscriber,
        note="Démonstration",
        defaults={"starts_at": now - timedelta(days=30), "ends_at": now + timedelta(days=335)},
    )
    expired, expired_password = demo_reader("ancien-abonne-demo", "ancien-abonne@exemple-demo.fr")
    Subscription.objects.update_or_create(
        reader=expired,
        note="Démonstration (terminé)",
        defaults={"starts_at": now - timedelta(days=400), "ends_at": now - timedelta(days=35)},
    )
    organisation, _ = Organisation.objects.update_or_create(
        name="CHU de démonstration",
        defaults={
            "seats": 25,
            "starts_at": now - timedelta(days=60),
            "ends_at": now + timedelta(days=305),
        },
    )
    Domain.objects.update_or_create(domain=DOMAIN, defaults={"organisation": organisation})
    for cidr in NETWORKS:
        Network.objects.get_or_create(organisation=organisation, cidr=cidr)
    member, member_password = demo_reader("interne-demo", f"interne@{DOMAIN}")
    Membership.objects.get_or_create(
        organisation=organisation, reader=member, defaults={"via": Via.DOMAIN}
    )
    return DemoSubscribers(
        accounts={
            "abonnée": (subscriber.email, subscriber_password),
            "abonnement terminé": (expired.email, expired_password),
            f"membre de l'organisation (@{DOMAIN})": (member.email, member_password),
        },
        organisation=organisation,
        domain=DOMAIN,
        network=", ".join(NETWORKS),
    )

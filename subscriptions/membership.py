"""Readers join their organisation by their verified e-mail address, and leave it with it.

When a reader confirms an address, and at each login (an organisation may have
subscribed since), every verified address whose domain an organisation claims attaches
the reader to it, within its seats. A full organisation is said in a message, not an
error: the reader keeps their account, and the editors can free a seat.

A seat taken by an address is given back when the reader no longer has a verified
address on the organisation's domains (address removed or changed, domain removed by an
editor): otherwise one mailbox could take every seat, account after account. The access
policy checks the same rule at read time (access.readers), whatever signal was missed.
"""

from allauth.account.models import EmailAddress
from allauth.account.signals import (
    email_changed,
    email_confirmed,
    email_removed,
    user_logged_in,
)
from django.contrib import messages
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from subscriptions.models import Domain, Membership, Organisation, Via, normalise_domain

FULL = (
    "Votre organisation, {name}, n'a plus de place disponible : demandez à son "
    "référent ou à la rédaction d'en libérer une."
)
JOINED = "Vous avez désormais accès aux articles réservés, grâce à l'abonnement de {name}."


def verified_domains(user):
    """The domains of ``user``'s verified addresses."""
    return {
        normalise_domain(email.rpartition("@")[2])
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def leave_lost_domains(user):
    """Give back the seats ``user`` holds by an address they no longer have."""
    Membership.objects.filter(reader=user, via=Via.DOMAIN).exclude(
        organisation__domains__domain__in=verified_domains(user)
    ).delete()


def join_by_domain(user, request=None, now=None):
    """Attach ``user`` to the current organisations of their verified addresses' domains.

    Returns (joined, full): lists of organisations."""
    now = now or timezone.now()
    domains = verified_domains(user)
    organisations = Organisation.objects.current(now).filter(
        pk__in=Domain.objects.filter(domain__in=domains).values("organisation")
    )
    joined, full = [], []
    for organisation in organisations.exclude(members__reader=user):
        membership = organisation.add_member(user, via=Via.DOMAIN)
        (joined if membership is not None else full).append(organisation)
    if request is not None:
        for organisation in joined:
            messages.success(request, JOINED.format(name=organisation.name))
        for organisation in full:
            messages.warning(request, FULL.format(name=organisation.name))
    return joined, full


def on_email_confirmed(request, email_address, **kwargs):
    join_by_domain(email_address.user, request)


def on_logged_in(request, user, **kwargs):
    if not user.is_staff:
        leave_lost_domains(user)
        join_by_domain(user, request)


def on_address_gone(request, user, **kwargs):
    leave_lost_domains(user)


def on_domain_changed(sender, instance, **kwargs):
    for membership in Membership.objects.filter(
        organisation_id=instance.organisation_id, via=Via.DOMAIN
    ).select_related("reader"):
        leave_lost_domains(membership.reader)


def connect():
    email_confirmed.connect(on_email_confirmed, dispatch_uid="subscriptions_email_confirmed")
    user_logged_in.connect(on_logged_in, dispatch_uid="subscriptions_logged_in")
    email_removed.connect(on_address_gone, dispatch_uid="subscriptions_email_removed")
    email_changed.connect(on_address_gone, dispatch_uid="subscriptions_email_changed")
    post_delete.connect(on_domain_changed, sender=Domain, dispatch_uid="subscriptions_domain_del")
    post_save.connect(on_domain_changed, sender=Domain, dispatch_uid="subscriptions_domain_save")

"""Readers join their organisation by their verified e-mail address.

When a reader confirms an address, and at each login (an organisation may have
subscribed since), every verified address whose domain an organisation claims attaches
the reader to it, within its seats. A full organisation is said in a message, not an
error: the reader keeps their account, and the editors can free a seat.
"""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed, user_logged_in
from django.contrib import messages
from django.utils import timezone

from subscriptions.models import Domain, Organisation, Via, normalise_domain

FULL = (
    "Votre organisation, {name}, n'a plus de place disponible : demandez à son "
    "référent ou à la rédaction d'en libérer une."
)
JOINED = "Vous avez désormais accès aux articles réservés, grâce à l'abonnement de {name}."


def join_by_domain(user, request=None, now=None):
    """Attach ``user`` to the current organisations of their verified addresses' domains.

    Returns (joined, full): lists of organisations."""
    now = now or timezone.now()
    domains = {
        normalise_domain(email.rpartition("@")[2])
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
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
        join_by_domain(user, request)


def connect():
    email_confirmed.connect(on_email_confirmed, dispatch_uid="subscriptions_email_confirmed")
    user_logged_in.connect(on_logged_in, dispatch_uid="subscriptions_logged_in")

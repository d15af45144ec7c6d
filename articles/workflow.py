"""The editorial workflow: which transitions exist, who may take them, what they do.

Pure rules (``allowed``, ``check``, ``apply``) that the admin form, the admin and any
other caller (calendar, shell) share; ``perform`` runs a whole transition outside the
admin. The status of an article changes only through these transitions.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from access import staff
from articles.models import LIVE_STATUSES, Status


@dataclass(frozen=True)
class Rule:
    name: str
    label: str  # the button
    done: str  # "« Titre » : soumis à la relecture."
    sources: frozenset
    target: str
    editor_only: bool
    comment_required: bool = False
    needs_future_date: bool = False


RULES = {
    rule.name: rule
    for rule in (
        Rule(
            "submit", "Soumettre à la relecture", "soumis à la relecture",
            frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}), Status.REVIEW,
            editor_only=False,
        ),
        Rule(
            "withdraw", "Retirer de la relecture", "retiré de la relecture",
            frozenset({Status.REVIEW}), Status.DRAFT,
            editor_only=False,
        ),
        Rule(
            "request_changes", "Demander des corrections", "renvoyé à l'auteur pour corrections",
            frozenset({Status.REVIEW, Status.SCHEDULED}), Status.CHANGES_REQUESTED,
            editor_only=True, comment_required=True,
        ),
        Rule(
            "schedule", "Programmer", "programmé",
            frozenset({Status.REVIEW, Status.DRAFT, Status.CHANGES_REQUESTED,
                       Status.UNPUBLISHED}), Status.SCHEDULED,
            editor_only=True, needs_future_date=True,
        ),
        Rule(
            "publish", "Publier maintenant", "publié",
            frozenset({Status.REVIEW, Status.DRAFT, Status.CHANGES_REQUESTED,
                       Status.SCHEDULED, Status.UNPUBLISHED}), Status.PUBLISHED,
            editor_only=True,
        ),
        Rule(
            "unpublish", "Dépublier", "dépublié",
            frozenset({Status.SCHEDULED, Status.PUBLISHED}), Status.UNPUBLISHED,
            editor_only=True,
        ),
    )
}  # fmt: skip


# Transitions that put an article before readers: the pre-publication checklist
# (articles.checklist) must have no blocking item, unless an editor overrides it.
CHECKLIST_RULES = frozenset({"schedule", "publish"})


class WorkflowError(Exception):
    """A refused transition; ``field`` is the form field to attach the message to, or None."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def may(user, article, rule):
    if article.status not in rule.sources:
        return False
    if staff.is_editor(user):
        return True
    # A journalist's transitions (submit, withdraw) are changes to their own article.
    return not rule.editor_only and staff.can_change_article(user, article)


def allowed(user, article):
    """The transitions ``user`` may take on ``article`` in its current state, in button order."""
    return [rule for rule in RULES.values() if may(user, article, rule)]


def publication_date_after(rule, published_at, now):
    """The publication date the article will have once ``rule`` is applied."""
    if rule.name == "publish" and (published_at is None or published_at > now):
        return now
    return published_at


def check(user, article, name, *, published_at, unpublish_at, comment="", now=None):
    """The rule for ``name`` if ``user`` may apply it now, else WorkflowError.

    ``published_at``/``unpublish_at`` are the dates the article will be saved with
    (the form's values), ``article`` is still in its stored state.
    """
    now = now or timezone.now()
    rule = RULES.get(name)
    if rule is None:
        raise WorkflowError("Action inconnue.")
    if rule.editor_only and not staff.is_editor(user):
        raise WorkflowError(f"« {rule.label} » est réservé aux éditeurs.")
    if not may(user, article, rule):
        if article.status not in rule.sources:
            raise WorkflowError(
                f"« {rule.label} » n'est pas possible pour un article "
                f"au statut « {article.get_status_display()} »."
            )
        raise WorkflowError(f"Vous ne pouvez pas faire « {rule.label} » sur cet article.")
    if rule.comment_required and not (comment or "").strip():
        raise WorkflowError(
            "Expliquez à l'auteur ce qu'il faut corriger (commentaire).", "transition_comment"
        )
    if rule.needs_future_date and (published_at is None or published_at <= now):
        raise WorkflowError(
            "Pour programmer, indiquez une date de publication future (heure de Paris).",
            "published_at",
        )
    final_date = publication_date_after(rule, published_at, now)
    if rule.target in LIVE_STATUSES and unpublish_at is not None:
        if unpublish_at <= now:
            raise WorkflowError(
                "La date de dépublication est déjà passée : videz-la ou choisissez une date "
                "future.",
                "unpublish_at",
            )
        if final_date is not None and unpublish_at <= final_date:
            raise WorkflowError(
                "La date de dépublication doit être postérieure à la date de publication.",
                "unpublish_at",
            )
    return rule


def checklist_note(rule, items, *, override=False):
    """The line for the history when an editor overrides blocking items ("" if there are
    none, or the rule needs no checklist); WorkflowError if they are not overridden."""
    from articles.checklist import blocking, describe

    failures = blocking(items) if rule.name in CHECKLIST_RULES else []
    if not failures:
        return ""
    if not override:
        count = len(failures)
        raise WorkflowError(
            f"« {rule.label} » est refusé : la liste de contrôle signale {count} "
            f"point{'s' if count > 1 else ''} à corriger — {describe(failures)}. "
            "Corrigez-les, ou cochez « Publier malgré la liste de contrôle » sur la fiche "
            "de l'article."
        )
    done = rule.done[0].upper() + rule.done[1:]
    return f"{done} malgré la liste de contrôle : {describe(failures)}."


def with_note(note, comment):
    """The history's comment: the override note first, then what the user wrote."""
    return "\n".join(part for part in (note, (comment or "").strip()) if part)


def apply(article, rule, now=None):
    """Move ``article`` (in memory) along ``rule``; returns (from_status, to_status)."""
    now = now or timezone.now()
    from_status = article.status
    article.status = rule.target
    article.published_at = publication_date_after(rule, article.published_at, now)
    return from_status, rule.target


def record(article, from_status, to_status, user, comment="", at=None):
    """The line of editorial history for a transition just saved."""
    from articles.models import Transition

    return Transition.objects.create(
        article=article,
        from_status=from_status,
        to_status=to_status,
        by=user if user is not None and user.is_authenticated else None,
        at=at or timezone.now(),
        comment=(comment or "").strip(),
    )


def perform(article, name, user, comment="", now=None, *, override_checklist=False):
    """Check, apply, save and record a transition in one transaction; notify after commit.

    For callers outside the article form (calendar, shell). Scheduling and publishing
    check the saved article's checklist: ``override_checklist`` (an editor's explicit
    choice) lets blocking items through, and the history says so. Raises WorkflowError,
    or StaleArticleError when the article changed since it was read.
    """
    from articles import notifications
    from articles.checklist import evaluate
    from articles.checklist_sources import values_of_article

    now = now or timezone.now()
    rule = check(
        user,
        article,
        name,
        published_at=article.published_at,
        unpublish_at=article.unpublish_at,
        comment=comment,
        now=now,
    )
    if rule.name in CHECKLIST_RULES:
        at = publication_date_after(rule, article.published_at, now)
        items = evaluate(values_of_article(article, at=at))
        comment = with_note(checklist_note(rule, items, override=override_checklist), comment)
    with transaction.atomic():
        from_status, to_status = apply(article, rule, now)
        article.save()
        entry = record(article, from_status, to_status, user, comment, now)
        notifications.notify_on_commit(entry)
    return entry


def describe_schedule(article):
    """« le 12 mars 2026 à 14h05 » in Paris time, for messages."""
    from articles.templatetags.newsroom import datetime_fr

    if article.published_at is None:
        return ""
    return f"le {datetime_fr(article.published_at)}"

"""One editorial timeline per article: what happened to it, in French, newest first.

Merged in Python from one query per source: workflow transitions, revisions (autosaves
among them), updates and corrections, share links. Django's admin LogEntry rows are
left out: every admin save is also a revision whose comment is that same change
message, and share links have rows of their own.

A transition, an update or a correction made from the admin also saved a revision: that
revision is shown inside the event's entry (what else changed, compare, restore), not
as a second entry.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from reversion.errors import RevertError

from access import staff
from articles import revisions
from articles.models import ArticleRevisionInfo, Status, UpdateKind
from articles.templatetags.newsroom import datetime_fr
from articles.timeline_changes import changed_labels, describe_changes
from articles.workflow import RULES

# Entries per source and page; older ones are on the next page.
PAGE_SIZE = 100
# How far apart a save's revision (dated when the save starts) and the transition or
# update it wrote (dated in the middle of it) may be.
SAME_SAVE = timedelta(minutes=1)
AUTOSAVE = "autosave"

# A transition's sentence, from the status it led to (one rule per target status).
DONE = {rule.target: rule.done for rule in RULES.values()}


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Entry:
    when: datetime
    who: object  # a user, or None
    kind: str  # transition, revision, autosave, update, correction, share_created…
    sentence: str
    comment: str = ""
    details: list = field(default_factory=list)  # short lines shown under the sentence
    links: list = field(default_factory=list)  # Link rows, added by the admin
    children: list = field(default_factory=list)  # the autosaves of a collapsed group
    revision_id: int | None = None  # the revision of this entry (compare, restore)
    previous_revision_id: int | None = None  # the saved revision just before it
    fields: dict | None = None  # the article row this revision kept
    changes: str = ""  # "Titre, Chapô modifiés"


@dataclass
class Timeline:
    entries: list
    older_than: datetime | None = None  # set when older entries are on another page


def _name(user):
    return user.get_full_name() or user.get_username()


def _by(user):
    return f" par {_name(user)}" if user is not None else ""


# --- Sources: one query each --------------------------------------------------------------


def _before(queryset, lookup, before):
    return queryset if before is None else queryset.filter(**{f"{lookup}__lt": before})


def _revision_entries(article, before, limit):
    versions = _before(revisions.article_versions(article), "revision__date_created", before)
    versions = list(versions.select_related("revision__article_info")[: limit + 1])
    # The extra one is only the "previous" of the oldest shown.
    loaded, truncated = versions[:limit], len(versions) > limit
    rows = []
    for version in versions:
        revision = version.revision
        try:
            info = revision.article_info
        except ArticleRevisionInfo.DoesNotExist:
            info = None
        try:
            fields = version.field_dict
        except RevertError:
            fields = {}
        rows.append((revision, info, fields))
    entries = []
    for i, (revision, info, fields) in enumerate(rows[:limit]):
        autosave = info is not None and info.autosave
        tags = info.tags if info is not None else None
        # Compared with the revision saved before it, never with an autosave.
        previous = next((row for row in rows[i + 1 :] if not (row[1] and row[1].autosave)), None)
        entry = Entry(
            when=revision.date_created,
            who=revision.user,
            kind=AUTOSAVE if autosave else "revision",
            sentence="",
            revision_id=revision.pk,
            previous_revision_id=previous[0].pk if previous else None,
            fields=fields,
        )
        if autosave:
            entry.sentence = f"Enregistrement automatique{_by(revision.user)}"
        else:
            entry.comment = revision.comment
            if previous is None:
                first = not truncated  # nothing older, on any page
                entry.sentence = f"{'Première révision' if first else 'Révision'} enregistrée"
                entry.sentence += _by(revision.user)
            else:
                # An unreadable revision (RevertError) says nothing about what changed.
                previous_tags = previous[1].tags if previous[1] is not None else None
                labels = []
                if fields and previous[2]:
                    labels = changed_labels(fields, previous[2], tags, previous_tags)
                entry.changes = describe_changes(labels)
                entry.sentence = f"Révision enregistrée{_by(revision.user)}"
                if entry.changes:
                    entry.sentence += f" : {entry.changes}"
        entries.append(entry)
    return entries, (loaded[-1].revision.date_created if truncated else None)


def _transition_sentence(transition, scheduled_for):
    done = DONE.get(transition.to_status)
    if done is None:
        return (
            f"Statut changé{_by(transition.by)} : {transition.get_from_status_display()} → "
            f"{transition.get_to_status_display()}"
        )
    sentence = done[0].upper() + done[1:]
    if transition.to_status == Status.SCHEDULED and scheduled_for is not None:
        sentence += f" pour le {datetime_fr(scheduled_for)}"
    return sentence + _by(transition.by)


def _transitions(article, before, limit):
    rows = _before(article.transitions.select_related("by"), "at", before)
    rows = list(rows.order_by("-at", "-pk")[: limit + 1])
    return rows[:limit], (rows[limit - 1].at if len(rows) > limit else None)


def _updates(article, before, limit):
    rows = _before(article.public_updates.select_related("by"), "at", before)
    rows = list(rows.order_by("-at", "-pk")[: limit + 1])
    entries = []
    for update in rows[:limit]:
        correction = update.kind == UpdateKind.CORRECTION
        what = "Correction publiée" if correction else "Mise à jour publiée"
        entries.append(
            Entry(
                when=update.at,
                who=update.by,
                kind="correction" if correction else "update",
                sentence=f"{what}{_by(update.by)} : « {update.note} »",
            )
        )
    return entries, (rows[limit - 1].at if len(rows) > limit else None)


def _share_links(article, before, limit, show_recipient):
    rows = article.share_links.select_related("created_by")
    if before is not None:
        rows = rows.filter(Q(created_at__lt=before) | Q(revoked_at__lt=before))
    rows = list(rows.order_by("-created_at", "-pk")[: limit + 1])
    entries = []
    for link in rows[:limit]:
        # The recipient may be a source: only for those who manage the links.
        to = f" pour « {link.note} »" if link.note and show_recipient else ""
        created = Entry(
            when=link.created_at,
            who=link.created_by,
            kind="share_created",
            sentence=f"Lien de partage créé{_by(link.created_by)}{to} "
            f"(expire le {datetime_fr(link.expires_at)})",
        )
        entries.append(created)
        if link.revoked_at is not None:
            sentence = f"Lien de partage{to} révoqué"
            entries.append(Entry(link.revoked_at, None, "share_revoked", sentence))
    entries = [entry for entry in entries if before is None or entry.when < before]
    return entries, (rows[limit - 1].created_at if len(rows) > limit else None)


# --- Merging ---------------------------------------------------------------------------


def _same_save(event, revision):
    """Was ``revision`` saved with this event: by the same user, at the same time?"""
    same_user = getattr(event.who, "pk", None) == getattr(revision.who, "pk", None)
    return same_user and abs(revision.when - event.when) <= SAME_SAVE


def _absorb(entry, entries):
    """The revision saved with ``entry``'s event leaves ``entries`` and joins the entry."""
    candidates = [e for e in entries if e.kind == "revision" and _same_save(entry, e)]
    saved = min(candidates, key=lambda e: abs(e.when - entry.when), default=None)
    if saved is None:
        return
    entries.remove(saved)
    entry.revision_id, entry.previous_revision_id = saved.revision_id, saved.previous_revision_id
    entry.fields = saved.fields
    # Its comment repeats the event (the admin's change message): only what else changed.
    if saved.changes:
        entry.details = [f"Révision enregistrée : {saved.changes}"]


def _collapse_autosaves(entries):
    """Consecutive autosaves become one entry, the details listing each of them."""
    collapsed = []
    for entry in entries:
        previous = collapsed[-1] if collapsed else None
        if entry.kind == AUTOSAVE and previous is not None and previous.kind == AUTOSAVE:
            previous.children.append(entry)
            continue
        if entry.kind == AUTOSAVE:
            entry = Entry(entry.when, entry.who, AUTOSAVE, "", children=[entry])
        collapsed.append(entry)
    for group in collapsed:
        if group.kind == AUTOSAVE:
            count, last = len(group.children), timezone.localtime(group.when)
            group.sentence = (
                f"{count} enregistrements automatiques (dernier à {last:%H}h{last:%M})"
                if count > 1
                else f"Enregistrement automatique à {last:%H}h{last:%M}{_by(group.who)}"
            )
    return collapsed


def timeline(article, user=None, before=None, limit=None):
    """What happened to ``article``, newest first, as ``user`` may see it.

    Revisions and autosaves only for those who may see the revisions; a share link's
    recipient only for those who manage share links. ``before`` pages back in time.
    """
    limit = limit or PAGE_SIZE
    with_revisions = user is None or staff.can_see_revisions(user, article)
    show_recipient = user is None or staff.can_share_article(user, article)
    revision_entries, cut_revisions = (
        _revision_entries(article, before, limit) if with_revisions else ([], None)
    )
    transitions, cut_transitions = _transitions(article, before, limit)
    updates, cut_updates = _updates(article, before, limit)
    links, cut_links = _share_links(article, before, limit, show_recipient)

    entries = list(revision_entries)
    for transition in transitions:
        entry = Entry(transition.at, transition.by, "transition", "", comment=transition.comment)
        _absorb(entry, entries)
        scheduled_for = (entry.fields or {}).get("published_at")
        latest = before is None and transition is transitions[0]
        if scheduled_for is None and latest and article.status == Status.SCHEDULED:
            scheduled_for = article.published_at  # still the date it was scheduled for
        entry.sentence = _transition_sentence(transition, scheduled_for)
        entries.append(entry)
    for update in updates:
        _absorb(update, entries)
        entries.append(update)
    entries.extend(links)

    cuts = [cut for cut in (cut_revisions, cut_transitions, cut_updates, cut_links) if cut]
    older_than = max(cuts) if cuts else None
    if older_than is not None:
        # What is older than the newest cut may be incomplete here: the next page.
        entries = [entry for entry in entries if entry.when >= older_than]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return Timeline(_collapse_autosaves(entries), older_than)

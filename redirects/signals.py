"""Moves of public addresses become redirects, without touching the articles app.

pre_save reads what the row was (its address and whether readers could have seen
it); post_save compares with what it is and records the move. Only addresses readers
could actually have seen get a redirect; the middleware also serves an article's
redirect only while the article is public (redirects.middleware).
"""

from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from redirects.models import Kind, Redirect
from redirects.services import record_move

_OLD = "_redirects_old_state"
ARTICLE_URL_FIELDS = {"slug", "section", "section_id"}
SECTION_URL_FIELDS = {"slug", "parent", "parent_id"}


def _touches(update_fields, fields):
    return update_fields is None or bool(fields & set(update_fields))


def was_ever_public(article_pk, state, now=None):
    """Could readers have seen the article at its old address?

    Approved (live or since unpublished) with a publication date already passed; an
    article sent back to the newsroom after publication is found by its history.
    """
    from articles.models import LIVE_STATUSES, Status, Transition

    now = now or timezone.now()
    published_at, unpublish_at = state["published_at"], state["unpublish_at"]
    if published_at is None or published_at > now:
        return False
    if unpublish_at is not None and unpublish_at <= published_at:
        return False
    if state["status"] in (*LIVE_STATUSES, Status.UNPUBLISHED):
        return True
    return Transition.objects.filter(article_id=article_pk, to_status__in=LIVE_STATUSES).exists()


def address_was_seen(article_pk, state, old_path, now=None):
    """Could readers have seen the article at ``old_path``, its address before this save?

    Yes if they see it there now. If it is hidden now but was public once, the address
    counts only if the article has not moved since it left the site: a move made while
    hidden leaves an automatic redirect pointing at the new address created after
    that (moves from a seen address create one, later moves retarget it, keeping its
    date), so such a row means readers never saw the article here.
    """
    from articles.models import LIVE_STATUSES, Article, Transition

    now = now or timezone.now()
    if Article(**{k: state[k] for k in ("status", "published_at", "unpublish_at")}).is_public_at(
        now
    ):
        return True
    if not was_ever_public(article_pk, state, now):
        return False
    unpublish_at = state["unpublish_at"]
    left_at = (
        Transition.objects.filter(article_id=article_pk, from_status__in=LIVE_STATUSES)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    if state["status"] in LIVE_STATUSES and unpublish_at is not None and unpublish_at <= now:
        left_at = max(filter(None, [left_at, unpublish_at]))  # expired
    if left_at is None:
        return True  # hidden without a recorded transition (shell, import): as before
    moved_while_hidden = Redirect.objects.filter(
        new_path=old_path, kind=Kind.AUTOMATIC, created_at__gt=left_at
    )
    return not moved_while_hidden.exists()


def capture_article(sender, instance, raw=False, update_fields=None, **kwargs):
    setattr(instance, _OLD, None)
    if raw or instance.pk is None or instance._state.adding:
        return
    if not _touches(update_fields, ARTICLE_URL_FIELDS):
        return
    state = (
        sender.objects.filter(pk=instance.pk)
        .values("slug", "section_id", "section__path", "status", "published_at", "unpublish_at")
        .first()
    )
    setattr(instance, _OLD, state)


def record_article(sender, instance, created=False, raw=False, **kwargs):
    from articles.models import Section

    state = getattr(instance, _OLD, None)
    setattr(instance, _OLD, None)
    if created or raw or state is None:
        return
    if state["slug"] == instance.slug and state["section_id"] == instance.section_id:
        return
    now = timezone.now()
    if not was_ever_public(instance.pk, state, now):
        return  # never public: no address to keep, no redirect to follow it
    section_path = state["section__path"]
    if state["section_id"] != instance.section_id:
        section_path = (
            Section.objects.filter(pk=instance.section_id).values_list("path", flat=True).first()
        )
    old_path = f"/{state['section__path']}/{state['slug']}/"
    new_path = f"/{section_path}/{instance.slug}/"
    # Only an address readers could have seen gets a redirect (embargo: a 301 from an
    # address nobody knew would only reveal the new title); older addresses that
    # pointed here follow the article either way.
    seen = address_was_seen(instance.pk, state, old_path, now)
    record_move(old_path, new_path, is_prefix=False, create=seen)


def capture_section(sender, instance, raw=False, update_fields=None, **kwargs):
    setattr(instance, _OLD, None)
    if raw or instance.pk is None or instance._state.adding:
        return
    if not _touches(update_fields, SECTION_URL_FIELDS):
        return
    state = sender.objects.filter(pk=instance.pk).values("slug", "parent_id", "path").first()
    setattr(instance, _OLD, state)


def record_section(sender, instance, created=False, raw=False, **kwargs):
    """One prefix redirect for the section that moved; it covers everything below it.

    Subsections re-saved by Section.save() keep their slug and parent: their path only
    follows their parent's, so they record nothing.
    """
    state = getattr(instance, _OLD, None)
    setattr(instance, _OLD, None)
    if created or raw or state is None:
        return
    if state["slug"] == instance.slug and state["parent_id"] == instance.parent_id:
        return
    if state["path"] == instance.path:
        return
    record_move(f"/{state['path']}/", f"/{instance.path}/", is_prefix=True)


def connect():
    from articles.models import Article, Section

    pre_save.connect(capture_article, sender=Article, dispatch_uid="redirects_capture_article")
    post_save.connect(record_article, sender=Article, dispatch_uid="redirects_record_article")
    pre_save.connect(capture_section, sender=Section, dispatch_uid="redirects_capture_section")
    post_save.connect(record_section, sender=Section, dispatch_uid="redirects_record_section")

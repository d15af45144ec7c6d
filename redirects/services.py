"""Recording moves so that chains stay one hop long and never loop.

Invariant kept by every write: a redirect's new_path is final, i.e. no other redirect
applies to it (chains are collapsed when the target itself moves).
"""

from django.db import transaction
from django.utils import timezone

from redirects.models import Kind, Redirect, ancestor_paths, is_absolute_url

MAX_HOPS = 20


def _retarget(old, new, is_prefix, exclude_pk=None):
    """Redirects that pointed to ``old`` (or below it, for a prefix) now point to ``new``."""
    if is_prefix:
        pointing = Redirect.objects.filter(new_path__startswith=old)
    else:
        pointing = Redirect.objects.filter(new_path=old)
    if exclude_pk is not None:
        pointing = pointing.exclude(pk=exclude_pk)
    changed = []
    for redirect in pointing:
        # startswith is case-insensitive on SQLite: check again here.
        if redirect.new_path == old:
            redirect.new_path = new
        elif is_prefix and redirect.new_path.startswith(old):
            redirect.new_path = new + redirect.new_path[len(old) :]
        else:
            continue
        changed.append(redirect)
    # A redirect retargeted onto its own address would loop: the page is back there.
    for redirect in changed:
        if redirect.new_path == redirect.old_path:
            redirect.delete()
    Redirect.objects.bulk_update(
        [r for r in changed if r.new_path != r.old_path], ["new_path"], batch_size=500
    )


def _through_prefixes(old, new, is_prefix):
    """Addresses that reached ``old`` through a prefix redirect now go to ``new`` directly.

    /a/ → /b/ exists and /b/x/ moves to /b/y/: /a/x/ → /b/y/ is added (an exact
    old_path wins over the prefix), so /a/x/ is still one hop.
    """
    candidates = [path for path in ancestor_paths(old) if path != old]
    if not candidates:
        return
    via = Redirect.objects.filter(is_prefix=True, new_path__in=candidates)
    for prefix in via:
        derived = prefix.old_path + old[len(prefix.new_path) :]
        if derived != new and not Redirect.objects.filter(old_path=derived).exists():
            Redirect.objects.create(
                old_path=derived, new_path=new, is_prefix=is_prefix, kind=Kind.AUTOMATIC
            )


@transaction.atomic
def record_move(old, new, *, is_prefix, user=None, create=True):
    """A public address moved from ``old`` to ``new`` (both normalised site paths).

    ``new`` is live: a redirect from it (the way back to an older address) is deleted
    rather than letting the two point at each other. ``create=False`` when readers
    never saw ``old``: no redirect from it, but those that led to it now lead to ``new``.
    """
    if old == new:
        return None
    Redirect.objects.filter(old_path=new).delete()
    _retarget(old, new, is_prefix)
    if not create:
        return None
    _through_prefixes(old, new, is_prefix)
    redirect, _created = Redirect.objects.update_or_create(
        old_path=old,
        defaults={
            "new_path": new,
            "is_prefix": is_prefix,
            "kind": Kind.AUTOMATIC,
            "created_at": timezone.now(),
            "created_by": user,
        },
    )
    return redirect


@transaction.atomic
def save_manual(redirect):
    """Save a redirect typed by an editor (validated by RedirectForm) and collapse chains."""
    redirect.save()
    _retarget(redirect.old_path, redirect.new_path, redirect.is_prefix, exclude_pk=redirect.pk)


def leads_back(old, new, *, is_prefix, exclude_pk=None):
    """Would ``old`` → ``new`` close a loop with the existing redirects?

    Follows ``new`` through the redirects (as the middleware would, hop by hop) and
    answers True if it comes back to ``old`` (or below it, for a prefix).
    """
    redirects = Redirect.objects.all()
    if exclude_pk is not None:
        redirects = redirects.exclude(pk=exclude_pk)
    seen = set()
    current = new
    for _hop in range(MAX_HOPS):
        if is_absolute_url(current):
            return False
        path = current.split("?", 1)[0]
        if not path.endswith("/"):
            path += "/"
        if path == old or (is_prefix and path.startswith(old)) or path in seen:
            return True
        seen.add(path)
        current = redirects.target_for(path)
        if current is None:
            return False
    return True

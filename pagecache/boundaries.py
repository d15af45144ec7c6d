"""The next instant at which a page may change by itself: a scheduled publication or
an expiry (``unpublish_at``). No entry is served at or after it.

Two queries (the earliest live ``published_at`` and ``unpublish_at`` still to come),
then cached under keys.BOUNDARY with the "schedule" version it was computed under:
every save of a live article bumps "schedule", and the value is recomputed once the
instant has passed. The version is read *before* the queries, so a save landing
while they run leaves a boundary that is already invalid.
"""

from datetime import UTC, datetime

from articles.models import LIVE_STATUSES, Article
from pagecache import keys


def next_change(now):
    """The earliest scheduled publication or expiry after ``now`` (aware datetime) or None."""
    live = Article.objects.filter(status__in=LIVE_STATUSES)
    publication = (
        live.filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    expiry = (
        live.filter(unpublish_at__gt=now)
        .order_by("unpublish_at")
        .values_list("unpublish_at", flat=True)
        .first()
    )
    instants = [each for each in (publication, expiry) if each is not None]
    return min(instants) if instants else None


def hard_until(store, now, cached, schedule_token):
    """The boundary as a timestamp (or None), from ``cached`` if still valid.

    ``cached`` and ``schedule_token`` were read at render start, with the epoch.
    """
    if cached is not None and schedule_token is not None:
        value, token = cached
        if token == schedule_token and (value is None or value > now.timestamp()):
            return value
    if schedule_token is None:
        schedule_token = store.fill_missing({keys.SCHEDULE: None})[keys.SCHEDULE]
    instant = next_change(now)
    value = instant.timestamp() if instant is not None else None
    if schedule_token is not None:
        store.set(keys.BOUNDARY, (value, schedule_token), None)
    return value


def as_datetime(timestamp):
    return None if timestamp is None else datetime.fromtimestamp(timestamp, tz=UTC)

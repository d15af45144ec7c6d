"""Publication dates of the demo, counted back from the moment it is seeded.

The newest articles appear a few hours before the seed runs, so that the Google News
sitemap (48 hours) and the "latest" lists look alive right away; older ones thin out
over about two years, like a real archive. Every run recomputes them from its own
"now": re-seeding later brings the demo back to life, with the same rows.
"""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
# Hours before the seed of the newest articles (the showcase is placed on its own).
FRESH_HOURS = (1, 3, 4.5, 6)
SHOWCASE_AGO = timedelta(hours=2, minutes=10)
SHOWCASE_UPDATED_AGO = timedelta(minutes=40)
SPAN_DAYS = 728  # a little under two years
DECAY = 1.7  # above 1: the further back, the sparser


def publication_dates(titles, now, seed):
    """{title: aware datetime}: ``titles`` shuffled (fixed seed), then dated newest first.

    The first ones within the last hours; then day offsets growing like
    (rank / count) ** DECAY, at newsroom hours (6 h – 19 h, Paris), never today.
    """
    rng = random.Random(seed)
    titles = list(titles)
    rng.shuffle(titles)
    fresh, older = titles[: len(FRESH_HOURS)], titles[len(FRESH_HOURS) :]
    now = now.replace(second=0, microsecond=0)
    dates = {
        title: now - timedelta(hours=hours, minutes=rng.randint(0, 25))
        for title, hours in zip(fresh, FRESH_HOURS, strict=False)
    }
    today = now.astimezone(PARIS).date()
    for rank, title in enumerate(older, 1):
        days = max(1, round(SPAN_DAYS * (rank / len(older)) ** DECAY))
        moment = time(hour=rng.randint(6, 19), minute=rng.choice(range(0, 60, 5)))
        dates[title] = datetime.combine(today - timedelta(days=days), moment, PARIS)
    return dates

"""The demo's articles, for ``manage.py seed_demo``: keyed on their slug, so a re-run
updates the same rows (dates recomputed from its own "now", see ``schedule``)."""

import random
from datetime import timedelta

from articles.demo import content
from articles.demo.illustrations import picture_seeds, pictures, remove_legacy_pictures
from articles.demo.schedule import SHOWCASE_AGO, SHOWCASE_UPDATED_AGO, publication_dates
from articles.demo.showcase import SHOWCASE
from articles.models import Article, ArticleAuthor, Resource, Status
from articles.models.access import Access
from articles.slugs import french_slugify
from images.embed import editor_figure

SEED = 20250101
FEATURED_COUNT = 5
UPDATED_COUNT = 4
WITHOUT_HERO_EVERY = 6
ILLUSTRATED_BODY_EVERY = 4
SUBSCRIBERS_EVERY = 3

# The hand-written corpus, then the showcase (last: the others keep their random draws).
SPECS = (*content.ARTICLES, SHOWCASE)


def _dates(now):
    """(published_at, updated_at) by title: the showcase leads, updated since."""
    others = [a.title for a in SPECS if not a.draft and a is not SHOWCASE]
    published = publication_dates(others, now, SEED)
    ranked = sorted(published, key=published.get, reverse=True)
    # A few articles, published at least a week ago, carry a "mis à jour" mention.
    older = [t for t in ranked if published[t] < now - timedelta(days=7)]
    rng = random.Random(SEED + 1)
    updated = {t: published[t] + timedelta(hours=rng.randint(3, 48))
               for t in rng.sample(older, UPDATED_COUNT)}  # fmt: skip
    minute = now.replace(second=0, microsecond=0)
    published[SHOWCASE.title] = minute - SHOWCASE_AGO
    updated[SHOWCASE.title] = minute - SHOWCASE_UPDATED_AGO
    return published, updated


def _featured(published):
    """{title: home position}: the showcase first, then the newest."""
    ranked = sorted(published, key=published.get, reverse=True)
    ranked.remove(SHOWCASE.title)
    return {t: p for p, t in enumerate([SHOWCASE.title, *ranked[: FEATURED_COUNT - 1]], 1)}


def _wants(index, spec):
    """(hero image?, figure in the body?): most articles are illustrated, every
    WITHOUT_HERO_EVERY-th is text only, every ILLUSTRATED_BODY_EVERY-th has a figure."""
    if spec.body:  # hand-written: its text stays as written
        return True, False
    return index % WITHOUT_HERO_EVERY != 0, index % ILLUSTRATED_BODY_EVERY == 0


def seed_articles(sections, authors, tags, editor, now):
    published, updated = _dates(now)
    featured = _featured(published)
    by_beat = {}
    for spec in content.AUTHORS:
        for beat in spec["beats"]:
            by_beat.setdefault(beat, []).append(authors[spec["name"]])
    everyone = list(authors.values())
    seeds = picture_seeds([_wants(index, spec) for index, spec in enumerate(SPECS)])
    images = pictures(seeds)

    articles = []
    for index, spec in enumerate(SPECS):
        rng = content.article_rng(SEED, index)
        hero_seed, figure_seed = seeds[index]
        published_at = published.get(spec.title)
        body = content.build_body(spec, rng)
        if figure_seed is not None:
            # A library image placed in the text, after the opening paragraph, as
            # the editor's figure button and picker would have done.
            figure = editor_figure(images[figure_seed], caption=images[figure_seed].caption)
            body = body.replace("</p>", f"</p>{figure}", 1)
        fields = {
            "title": spec.title,
            "standfirst": spec.standfirst,
            "body": body,
            "hero_image": images.get(hero_seed),
            "section": sections[spec.section],
            "status": Status.DRAFT if spec.draft else Status.PUBLISHED,
            "published_at": published_at,
            "updated_at": updated.get(spec.title),
            "featured": spec.title in featured,
            "home_position": featured.get(spec.title, 0),
            # Every SUBSCRIBERS_EVERY-th article is for subscribers (never a featured
            # one: the home page's lead stays readable), in every section.
            "access": (
                Access.SUBSCRIBERS
                if index % SUBSCRIBERS_EVERY == 1 and spec.title not in featured
                else ""
            ),
        }
        drafted_before = timedelta(hours=rng.randint(2, 72))
        article, was_created = Article.objects.update_or_create(
            slug=spec.slug or french_slugify(spec.title),
            defaults=fields,
            create_defaults={**fields, "created_by": editor},
        )
        if was_created and published_at:
            # auto_now_add stamped "now": date the draft a little before publication.
            article.created = published_at - drafted_before
            Article.objects.filter(pk=article.pk).update(created=article.created)
        if spec.authors:
            wanted = [authors[name] for name in spec.authors]
        else:
            wanted = _pick_authors(rng, spec, by_beat, everyone)
        _bylines(article, wanted)
        article.tags.set([tags[name] for name in spec.tags])
        for position, (title, url) in enumerate(spec.resources):
            Resource.objects.update_or_create(
                article=article, url=url, defaults={"title": title, "position": position}
            )
        articles.append(article)
    remove_legacy_pictures()
    return articles


def _pick_authors(rng, spec, by_beat, everyone):
    beat = spec.section.split("/")[0]
    first = rng.choice(by_beat.get(beat, everyone))
    count = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
    others = [a for a in everyone if a.pk != first.pk]
    return [first, *rng.sample(others, count - 1)]


def _bylines(article, wanted):
    """Make the article's bylines exactly ``wanted``, in that order."""
    ArticleAuthor.objects.filter(article=article).exclude(
        author__in=[a.pk for a in wanted]
    ).delete()
    for position, author in enumerate(wanted):
        ArticleAuthor.objects.update_or_create(
            article=article, author=author, defaults={"position": position}
        )

"""Build a realistic demo newsroom. Safe to run again: everything is keyed on natural keys.

    python manage.py seed_demo

Sections are keyed on (parent, slug), authors and articles on their slug, tags on
their name (case-insensitively), resources on (article, url), accounts on their
username. Running it twice gives the same rows; article dates are computed from
the current day, so they stay within the last two years.

The two demo accounts get a new random password on every run, printed at the end.
"""

import random
import secrets
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles.demo import content
from articles.models import Article, ArticleAuthor, CallToAction, Resource, Section, Status
from articles.models.access import Access
from articles.slugs import french_slugify
from authors.models import Author
from images.demo import get_or_create_demo_image
from images.embed import editor_figure
from subscriptions.demo import demo_reader, seed_subscribers

PARIS = ZoneInfo("Europe/Paris")
SEED = 20250101
FEATURED_COUNT = 5
UPDATED_COUNT = 4
SPAN_DAYS = 728  # a little under two years
WITHOUT_HERO_EVERY = 6
ILLUSTRATED_BODY_EVERY = 4
SUBSCRIBERS_EVERY = 3

ACCOUNTS = [
    # username, group, first name, last name
    ("editeur", "Éditeur", "Hélène", "Marchand"),
    ("journaliste", "Journaliste", "Sophie", "Garnier"),
]


class Command(BaseCommand):
    help = "Crée (ou met à jour) un jeu de démonstration : rubriques, auteurs, articles, comptes."

    def handle(self, *args, **options):
        started = timezone.now()
        with transaction.atomic():
            sections = self.seed_sections()
            authors = self.seed_authors()
            tags = self.seed_tags()
            users = self.seed_accounts(authors)
            reader = self.seed_reader()
            articles = self.seed_articles(sections, authors, tags, users["editeur"][0])
            subscribers = seed_subscribers()
            self.seed_call_to_action()

        elapsed = (timezone.now() - started).total_seconds()
        published = sum(1 for a in articles if a.status == Status.PUBLISHED)
        top_level = sum(1 for s in sections.values() if s.parent_id is None)
        w = self.stdout.write
        w(self.style.SUCCESS(f"Jeu de démonstration prêt en {elapsed:.1f} s."))
        w(f"  Rubriques : {len(sections)} (dont {top_level} principales)")
        w(f"  Auteurs : {len(authors)}")
        w(f"  Mots-clés : {len(tags)}")
        w(
            f"  Articles : {len(articles)} (publiés : {published}, brouillons : "
            f"{len(articles) - published}, à la une : "
            f"{sum(1 for a in articles if a.featured)})"
        )
        w(f"  Ressources : {Resource.objects.filter(article__in=articles).count()}")
        w("")
        w("Comptes de démonstration (mot de passe régénéré à chaque exécution) :")
        for username, (_user, password, group) in users.items():
            w(f"  identifiant : {username}  mot de passe : {password}  groupe : {group}")
        email, password = reader
        w(f"  lectrice (site, /comptes/login/) : {email}  mot de passe : {password}")
        for label, (email, password) in subscribers.accounts.items():
            w(f"  {label} (site, /comptes/login/) : {email}  mot de passe : {password}")
        w(
            f"  Organisation « {subscribers.organisation.name} » : domaine "
            f"{subscribers.domain}, réseau {subscribers.network} (« Accès via mon "
            "organisation » depuis cette machine)"
        )
        w(f"  Articles réservés aux abonnés : {sum(1 for a in articles if a.access)}")

    # ------------------------------------------------------------------ sections

    def seed_sections(self):
        sections = {}
        for position, spec in enumerate(content.SECTIONS):
            parent = self._section(None, spec, position)
            sections[parent.path] = parent
            for child_position, child_spec in enumerate(spec["children"]):
                child = self._section(parent, child_spec, child_position)
                sections[child.path] = child
        return sections

    def _section(self, parent, spec, position):
        section, _ = Section.objects.update_or_create(
            parent=parent,
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "position": position,
            },
        )
        return section

    # ------------------------------------------------------------------ authors & tags

    def seed_authors(self):
        authors = {}
        for spec in content.AUTHORS:
            author, _ = Author.objects.update_or_create(
                slug=french_slugify(spec["name"], fallback="auteur"),
                defaults={
                    "name": spec["name"],
                    "job_title": spec["job_title"],
                    "bio": spec["bio"],
                },
            )
            authors[spec["name"]] = author
        return authors

    def seed_tags(self):
        tags = {}
        for name in content.TAGS:
            # TAGGIT_CASE_INSENSITIVE: "plfss" typed by an editor is the same tag as "PLFSS".
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name)
            tags[name] = tag
        return tags

    # ------------------------------------------------------------------ accounts

    def seed_reader(self):
        """A reader account with a verified address: logs in on the site, not the admin."""
        user, password = demo_reader("lectrice-demo", "lectrice@exemple-demo.fr")
        return user.email, password

    def seed_accounts(self, authors):
        User = get_user_model()
        accounts = {}
        for username, group_name, first_name, last_name in ACCOUNTS:
            group, _ = Group.objects.get_or_create(name=group_name)
            user, _ = User.objects.get_or_create(username=username)
            user.first_name = first_name
            user.last_name = last_name
            user.email = f"{username}@sante-politique.example"
            user.is_staff = True
            user.is_active = True
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            user.groups.add(group)
            accounts[username] = (user, password, group_name)

        journalist = accounts["journaliste"][0]
        profile = authors[content.JOURNALIST_AUTHOR]
        Author.objects.filter(user=journalist).exclude(pk=profile.pk).update(user=None)
        if profile.user_id != journalist.pk:
            profile.user = journalist
            profile.save(update_fields=["user"])
        return accounts

    # ------------------------------------------------------------------ articles

    def _schedule(self):
        """Publication datetimes (Paris time), one per published article, spread over two years.

        Computed from today's date and a fixed seed: the same on every run of the day.
        """
        rng = random.Random(SEED)
        published = [a for a in content.ARTICLES if not a.draft]
        today = timezone.localdate()
        step = SPAN_DAYS / len(published)
        days = [
            1 + int(i * step) + rng.randint(0, max(0, int(step) - 1)) for i in range(len(published))
        ]
        rng.shuffle(days)
        schedule = {}
        for article, day in zip(published, days, strict=True):
            moment = time(hour=rng.randint(6, 19), minute=rng.choice(range(0, 60, 5)))
            schedule[article.title] = datetime.combine(today - timedelta(days=day), moment, PARIS)
        return schedule

    def seed_articles(self, sections, authors, tags, editor):
        schedule = self._schedule()
        ranked = sorted(schedule, key=schedule.get, reverse=True)
        featured = {title: position for position, title in enumerate(ranked[:FEATURED_COUNT], 1)}
        # A few articles, published at least a week ago, carry a "mis à jour" mention.
        older = [t for t in ranked if schedule[t] < timezone.now() - timedelta(days=7)]
        updated = set(random.Random(SEED + 1).sample(older, UPDATED_COUNT))

        by_beat = {}
        for spec in content.AUTHORS:
            for beat in spec["beats"]:
                by_beat.setdefault(beat, []).append(authors[spec["name"]])
        everyone = list(authors.values())
        images = self.seed_images(sections)

        articles = []
        for index, spec in enumerate(content.ARTICLES):
            rng = content.article_rng(SEED, index)
            published_at = schedule.get(spec.title)
            # Draw every random value on every run, whatever the branch: the byline
            # picks below must not depend on which articles are marked updated today.
            update_delay = timedelta(hours=rng.randint(3, 48))
            updated_at = published_at + update_delay if spec.title in updated else None
            image = images[sections[spec.section].root_id or sections[spec.section].pk]
            body = content.build_body(spec, rng)
            if index % ILLUSTRATED_BODY_EVERY == 0:
                # A library image placed in the text, after the opening paragraph, as
                # the editor's figure button and picker would have done.
                figure = editor_figure(image, caption=image.caption)
                body = body.replace("</p>", f"</p>{figure}", 1)
            fields = {
                "title": spec.title,
                "standfirst": spec.standfirst,
                "body": body,
                # Most articles are illustrated; every WITHOUT_HERO_EVERY-th is text only.
                "hero_image": None if index % WITHOUT_HERO_EVERY == 0 else image,
                "section": sections[spec.section],
                "status": Status.DRAFT if spec.draft else Status.PUBLISHED,
                "published_at": published_at,
                "updated_at": updated_at,
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
                slug=french_slugify(spec.title),
                defaults=fields,
                create_defaults={**fields, "created_by": editor},
            )
            if was_created and published_at:
                # auto_now_add stamped "now": date the draft a little before publication.
                article.created = published_at - drafted_before
                Article.objects.filter(pk=article.pk).update(created=article.created)
            self._bylines(article, self._pick_authors(rng, spec, by_beat, everyone))
            article.tags.set([tags[name] for name in spec.tags])
            for position, (title, url) in enumerate(spec.resources):
                Resource.objects.update_or_create(
                    article=article, url=url, defaults={"title": title, "position": position}
                )
            articles.append(article)
        return articles

    def seed_images(self, sections):
        """One credited illustration per top-level section, drawn with Pillow (no download)."""
        return {
            section.pk: get_or_create_demo_image(
                section.name, seed=position, caption=f"Illustration de la rubrique {section.name}"
            )
            for position, section in enumerate(
                sorted((s for s in sections.values() if s.parent_id is None), key=lambda s: s.pk)
            )
        }

    @staticmethod
    def _pick_authors(rng, spec, by_beat, everyone):
        beat = spec.section.split("/")[0]
        first = rng.choice(by_beat.get(beat, everyone))
        count = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
        others = [a for a in everyone if a.pk != first.pk]
        return [first, *rng.sample(others, count - 1)]

    @staticmethod
    def _bylines(article, wanted):
        """Make the article's bylines exactly ``wanted``, in that order."""
        ArticleAuthor.objects.filter(article=article).exclude(
            author__in=[a.pk for a in wanted]
        ).delete()
        for position, author in enumerate(wanted):
            ArticleAuthor.objects.update_or_create(
                article=article, author=author, defaults={"position": position}
            )

    # ------------------------------------------------------------------ call to action

    def seed_call_to_action(self):
        CallToAction.objects.update_or_create(
            text=content.CALL_TO_ACTION["text"],
            defaults={
                "link_label": content.CALL_TO_ACTION["link_label"],
                "link_url": content.CALL_TO_ACTION["link_url"],
                "is_active": True,
            },
        )

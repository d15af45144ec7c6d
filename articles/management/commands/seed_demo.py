"""Build a realistic demo newsroom. Safe to run again: everything is keyed on natural keys.

    python manage.py seed_demo

Sections are keyed on (parent, slug), authors and articles on their slug, tags on
their name (case-insensitively), resources on (article, url), accounts on their
username, pictures on their alt text (one per seed, see articles/demo/illustrations.py).
Running it twice gives the same rows. Publication dates are recomputed on every run
from its own "now" (articles/demo/schedule.py): the newest a few hours old, so a
re-run later brings the news sitemap and the "latest" lists back to life.

The two demo accounts get a new random password on every run, printed at the end.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles.demo import content
from articles.demo.seeding import seed_articles
from articles.models import CallToAction, Resource, Section, Status
from articles.slugs import french_slugify
from authors.models import Author
from subscriptions.demo import demo_reader, seed_subscribers

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
            editor = users["editeur"][0]
            articles = seed_articles(sections, authors, tags, editor, started)
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
            elif tag.name != name:  # an earlier demo's spelling ("intelligence artificielle")
                tag.name = name
                tag.save(update_fields=["name"])
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

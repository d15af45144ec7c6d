"""One seeded demo newsroom per test module (seeding draws ~70 pictures and their
renditions: once, not once per test). Each test runs in a savepoint inside it, so
what a test changes (a re-seed, a login) is rolled back before the next one."""

import html
import re
from contextlib import contextmanager
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor, CallToAction, Resource, Section
from authors.models import Author
from images.models import Image
from tests.helpers import rolled_back_data

CREDENTIALS = re.compile(r"identifiant : (\S+)\s+mot de passe : (\S+)")


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Section, Author, Article, ArticleAuthor, Tag, TaggedItem, Resource, CallToAction,
            get_user_model(), Group, Image,
        )
    }  # fmt: skip


@contextmanager
def rolled_back_demo(django_db_blocker, media_dir):
    """Seed the demo in a transaction rolled back when the block ends; yields its output."""
    with rolled_back_data(django_db_blocker, media_dir):
        yield seed()


def page_text(response):
    """What a reader sees: the text without tags, entities decoded, spaces and
    apostrophes folded (the templates set French typography: no-break spaces, ’)."""
    text = re.sub(r"<(script|style).*?</\1>", " ", response.content.decode(), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.replace("'", "’")
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)

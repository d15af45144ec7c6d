"""The stored-XSS corpus (tests/security/test_stored_xss.py): built once per module,
through the admin's own forms, and rolled back at the end.

For each payload of tests/security/payloads.py: a library image (alt text, caption, credit)
uploaded by a journalist; an article (title, slug, standfirst, body, hero caption, tags,
resource, byline) the journalist posts and submits with a comment; an editor publishes it
with a comment, adds a correction note and a share link. The author's name, job and bio
are editors' fields, written through the ORM. Field values start with a code ("[T] " for
the title…) so that a finding names its field.
"""

import io
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import Image as PILImage

from articles.models import Article, Section
from authors.models import Author
from images.models import Image
from tests.helpers import ADD_URL, form_values, logged_in_reporting_500s, rolled_back_data
from tests.security.payloads import (
    MARKUP_URLS,
    PAYLOADS,
    live_markup,
    page_texts,
    parse_html,
    shows_text,
)

JOURNALIST_PERMS = [
    "add_article", "change_article", "view_article", "view_section", "view_author",
    "add_resource", "change_resource", "delete_resource", "view_resource", "add_tag",
    "view_tag", "add_image", "change_image", "view_image",
]  # fmt: skip
# Field code (shown in the value, so a finding names its field) and the field's length.
FIELDS = {
    "title": ("T", 255), "standfirst": ("C", 20000), "hero_caption": ("L", 500),
    "resource": ("R", 200), "alt_text": ("A", 300), "caption": ("G", 500), "credit": ("K", 200),
    "comment": ("W", 2000), "publish_comment": ("E", 2000), "author_name": ("N", 120),
    "job_title": ("F", 160), "bio": ("B", 5000), "update_note": ("M", 300),
    "share_note": ("P", 200),
}  # fmt: skip


def value_for(payload, name):
    code, limit = FIELDS[name]
    return f"[{code}] {payload.text}"[:limit]


@dataclass
class Entry:
    payload: object
    article: Article
    image: Image
    author: Author
    values: dict
    tags: list


@dataclass
class Corpus:
    entries: list
    section: Section
    journalist: object
    editor: object
    mails: list
    # POSTs refused with a form error for line breaks in a one-line field, then resent.
    refusals: list


@dataclass
class Report:
    """Findings and counts of one test: {surface: {(payload, field)}}."""

    checked: dict = field(default_factory=lambda: defaultdict(set))
    failures: list = field(default_factory=list)

    def html(self, surface, responses, entries_fields):
        """HTML pages (one, or the pages of a list): no live markup anywhere; each
        (entry, field) expected is shown as text on one of them."""
        texts = []
        for response in responses if isinstance(responses, list) else [responses]:
            if response.status_code != 200:
                self.failures.append(f"{surface} : HTTP {response.status_code}")
                return
            content = response.content.decode()
            self.failures += [f"{surface} : {finding}" for finding in live_markup(content)]
            texts += page_texts(parse_html(content))
        for entry, names in entries_fields:
            for name in names:
                self.expect(surface, entry, name, shows_text(texts, entry.values[name]))

    def expect(self, surface, entry, name, ok):
        if ok:
            self.checked[surface].add((entry.payload.name, name))
        else:
            self.failures.append(f"{surface} : {entry.payload.name} / {name} absent ou mal échappé")

    def finish(self):
        for surface, pairs in sorted(self.checked.items()):
            payloads = {p for p, _ in pairs}
            print(f"XSS-COUNT {surface}: {len(payloads)} payloads × "
                  f"{len({f for _, f in pairs})} champs = {len(pairs)} vérifications")  # fmt: skip
        for failure in self.failures:
            print(f"XSS-FAIL {failure}")
        assert not self.failures, "\n".join(self.failures)


def tiny_jpeg():
    out = io.BytesIO()
    PILImage.new("RGB", (60, 40), "teal").save(out, "JPEG")
    return out.getvalue()


# Line breaks, which one-line fields (titles, names, alt text…) may refuse.
LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")
ONE_LINE_IMAGE = ("alt_text", "credit", "caption")
ONE_LINE_ARTICLE = ("title", "hero_caption", "resource", "tags")


def submit(client, url, make_data, what, values=None, one_line=(), refusals=None):
    """POST ``make_data()``; it must save (a redirect).

    A form error is also a right answer to line breaks in a one-line field: it is recorded
    in ``refusals``, then the same POST goes again with those fields on one line, so the
    payload's markup still reaches every surface.
    """
    response = client.post(url, make_data())
    refused = response.status_code == 200 and b"errorlist" in response.content
    if refused and any(LINE_BREAKS.search(values[name]) for name in one_line):
        refusals.append(what)
        for name in one_line:
            values[name] = LINE_BREAKS.sub(" ", values[name])
        response = client.post(url, make_data())
    assert response.status_code == 302, (what, response.status_code, response.content[:3000])
    return response


def build_entry(payload, section, journalist_client, editor_client, journalist, refusals):
    values = {name: value_for(payload, name) for name in FIELDS}
    values["tags"] = payload.text[:90]
    author = Author.objects.create(
        name=values["author_name"], job_title=values["job_title"], bio=values["bio"]
    )

    def image_data():
        return {
            "file": SimpleUploadedFile("photo.jpg", tiny_jpeg(), "image/jpeg"),
            "alt_text": values["alt_text"], "caption": values["caption"],
            "credit": values["credit"], "focal_x": "", "focal_y": "",
        }  # fmt: skip

    submit(journalist_client, "/admin/images/image/add/", image_data, f"image {payload.name}",
           values, ONE_LINE_IMAGE, refusals)  # fmt: skip
    image = Image.objects.filter(uploader=journalist).latest("pk")

    form = form_values(journalist_client, ADD_URL)

    def article_data():
        return form | {
            "title": values["title"], "slug": payload.text[:200],
            "standfirst": values["standfirst"], "body": payload.text,
            "hero_image": str(image.pk), "hero_caption": values["hero_caption"],
            "section": str(section.pk), "tags": values["tags"],
            "bylines-0-author": str(author.pk), "bylines-0-position": "0",
            "resources-0-title": values["resource"], "resources-0-url": MARKUP_URLS[0],
            "resources-0-position": "0",
            "_transition": "submit", "transition_comment": values["comment"],
        }  # fmt: skip

    submit(journalist_client, ADD_URL, article_data, f"article {payload.name}",
           values, ONE_LINE_ARTICLE, refusals)  # fmt: skip
    article = Article.objects.filter(created_by=journalist).latest("pk")
    change_url = f"/admin/articles/article/{article.pk}/change/"

    data = form_values(editor_client, change_url)
    # Hostile bodies fail the pre-publication checklist (links without an address, images
    # without alt text): the editor publishes over it, which this corpus is not about.
    data |= {
        "_transition": "publish", "transition_comment": values["publish_comment"],
        "checklist_override": "on",
    }  # fmt: skip
    submit(editor_client, change_url, lambda: data, f"publication {payload.name}")

    data = form_values(editor_client, change_url)
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "update" in k)
    prefix = prefix.removesuffix("-TOTAL_FORMS")
    n = int(data[f"{prefix}-TOTAL_FORMS"][0])

    def update_data():
        return data | {
            f"{prefix}-TOTAL_FORMS": str(n + 1), f"{prefix}-{n}-kind": "correction",
            f"{prefix}-{n}-note": values["update_note"], "_continue": "1",
        }  # fmt: skip

    submit(editor_client, change_url, update_data, f"correction {payload.name}",
           values, ("update_note",), refusals)  # fmt: skip
    submit(
        editor_client,
        f"/admin/articles/article/{article.pk}/liens-apercu/",
        lambda: {"duration": "7", "note": values["share_note"]},
        f"lien {payload.name}",
        values, ("share_note",), refusals,
    )  # fmt: skip
    article.refresh_from_db()
    return Entry(payload, article, image, author, values, sorted(article.tags.names()))


def staff(django_user_model, username, perms):
    user = django_user_model.objects.create_user(
        username=username, password="motdepasse-de-test", is_staff=True,
        email=f"{username}@example.org",
    )  # fmt: skip
    user.user_permissions.set(perms)
    return user


@contextmanager
def rolled_back_corpus(django_db_blocker, media_dir):
    """The corpus, in a transaction rolled back when the block ends (module scope)."""
    from django.contrib.auth import get_user_model

    with rolled_back_data(django_db_blocker, media_dir):
        users = get_user_model()
        journalist = staff(
            users, "xss-journaliste", Permission.objects.filter(codename__in=JOURNALIST_PERMS)
        )
        editor = staff(
            users,
            "xss-editeur",
            Permission.objects.filter(
                content_type__app_label__in=["articles", "authors", "taggit", "images"]
            ),
        )
        section = Section.objects.create(name="Hôpital", slug="hopital-xss")
        # A 500 is a finding to list with the others, not an exception that stops the test.
        journalist_client = logged_in_reporting_500s(journalist)
        editor_client = logged_in_reporting_500s(editor)
        mail.outbox = []
        # The notifications leave on commit: run them as the real commit would.
        with TestCase.captureOnCommitCallbacks(execute=True):
            refusals = []
            entries = [
                build_entry(p, section, journalist_client, editor_client, journalist, refusals)
                for p in PAYLOADS
            ]
        yield Corpus(entries, section, journalist, editor, list(mail.outbox), refusals)


def public_tags(entry):
    # A tag without a slug has no page nor feed (tests/security/test_tag_slugs.py).
    return [tag for tag in entry.article.tags.all() if tag.slug]


ARTICLE_FIELDS = ["title", "standfirst", "hero_caption", "resource", "alt_text", "credit",
                  "author_name", "job_title", "update_note"]  # fmt: skip
CARD_FIELDS = ["title", "standfirst", "author_name"]

"""Article revisions with django-reversion: what is kept, how to compare, how to restore.

A revision of an article holds the article row, its bylines and resources (followed by
reversion) and its tag names (``ArticleRevisionInfo``, since taggit tags are not followed).
The article row carries its ``version``, which lets the admin find the revision a stale
form was built from.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.utils import formats, timezone
from reversion.errors import RevertError
from reversion.models import Version

from articles.collation import french_sort_key
from articles.diffs import body_blocks, body_diff, inline_diff, list_diff
from articles.models import Article, ArticleAuthor, ArticleRevisionInfo, Resource, Section
from authors.models import Author

DATE_FORMAT = "j F Y à H:i"
# How far back to look for the revision of a given article version.
VERSION_LOOKBACK = 200


def register_models():
    """Called from AppConfig.ready(): every article save inside a revision is kept whole."""
    if not reversion.is_registered(Article):
        # Trash state is not content: restoring a revision never trashes nor restores.
        reversion.register(
            Article,
            exclude=("authors", "tags", "deleted_at", "deleted_by"),
            follow=("bylines", "resources"),
        )
    if not reversion.is_registered(ArticleAuthor):
        reversion.register(ArticleAuthor)
    if not reversion.is_registered(Resource):
        reversion.register(Resource)


def paris_date(value):
    return formats.date_format(timezone.localtime(value), DATE_FORMAT)


def user_label(user):
    if user is None:
        return "un utilisateur inconnu"
    return user.get_full_name() or user.get_username()


# --- Recording ----------------------------------------------------------------------


def record_article(article, user=None, comment=None):
    """Inside an active revision: keep the article as it is now, tags included.

    Call it once per revision, after bylines, resources and tags are saved.
    """
    if user is not None and user.is_authenticated:
        reversion.set_user(user)
    if comment:
        reversion.set_comment(comment)
    reversion.add_to_revision(article)
    reversion.add_meta(ArticleRevisionInfo, tags=sorted(article.tags.names(), key=french_sort_key))


@contextmanager
def article_revision(article, user=None, comment=""):
    """For code that saves an article outside the admin: one revision, atomic."""
    with reversion.create_revision():
        yield
        record_article(article, user, comment)


def article_versions(article):
    """The reversion Version rows of this article, newest first."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def saved_versions(article):
    """``article_versions`` without the autosaves: the states that were really saved.

    An autosave holds text typed over a version, under that version's number: whatever
    compares stored numbers, or shows what was saved, must not mistake it for that version.
    """
    return article_versions(article).exclude(revision__article_info__autosave=True)


def _stored_version(version):
    try:
        return version.field_dict.get("version")
    except RevertError:
        return None


def ensure_current_state_recorded(article, comment="État antérieur, enregistré sans révision"):
    """Before changing an article, keep its current state if no revision holds it yet.

    Must run outside any active revision (it records a revision of its own).

    Saves made by code outside a revision (or before revisions existed) are kept this
    way, so that nothing is lost and a stale form's starting point can be compared.
    """
    latest = saved_versions(article).first()
    if latest is not None and _stored_version(latest) == article.version:
        return
    with article_revision(article, comment=comment):
        pass


def revision_for_version(article, version_number):
    """The revision holding ``version_number`` of the article, or the closest older one."""
    for version in saved_versions(article)[:VERSION_LOOKBACK]:
        stored = _stored_version(version)
        if stored is not None and stored <= version_number:
            return version.revision
    return None


def version_of(article, revision_id):
    """This article's Version in revision ``revision_id``, or None (foreign, unknown, or an
    autosave: compared and restored only once its writer saves it)."""
    return saved_versions(article).filter(revision_id=revision_id).first()


# --- Snapshots ----------------------------------------------------------------------


@dataclass
class Snapshot:
    """What a reader would compare: an article's content at one point in time."""

    title: str
    standfirst: str
    body: str
    section_id: int | None
    author_ids: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    tags: list | None = None  # None: not recorded in that revision
    version: int | None = None
    revision: object = None

    @property
    def label(self):
        if self.revision is None:
            return "Version actuelle"
        label = f"Révision du {paris_date(self.revision.date_created)}"
        if self.revision.user is not None:
            label += f" par {user_label(self.revision.user)}"
        return label


def snapshot_of_article(article):
    bylines = article.bylines.order_by("position", "pk")
    return Snapshot(
        title=article.title,
        standfirst=article.standfirst,
        body=article.body,
        section_id=article.section_id,
        author_ids=list(bylines.values_list("author_id", flat=True)),
        resources=[
            {"title": r.title, "url": r.url, "file": r.file.name, "position": r.position}
            for r in article.resources.order_by("position", "pk")
        ],
        tags=sorted(article.tags.names(), key=french_sort_key),
        version=article.version,
    )


def snapshot_of_revision(article, revision):
    """The article as ``revision`` kept it; LookupError if it holds no version of it."""
    versions = list(revision.version_set.all())
    own = [v for v in versions if v._model is Article and v.object_id == str(article.pk)]
    if not own:
        raise LookupError(revision.pk)
    data = own[0].field_dict
    bylines, resources, resource_order = [], [], []
    for version in versions:
        model = version._model
        if model not in (ArticleAuthor, Resource):
            continue
        try:
            fields = version.field_dict
        except RevertError:
            continue
        if fields.get("article_id") != article.pk:
            continue
        if model is ArticleAuthor:
            bylines.append((fields["position"], int(version.object_id), fields["author_id"]))
        else:
            resources.append(
                {
                    "title": fields["title"],
                    "url": fields["url"],
                    "file": getattr(fields["file"], "name", fields["file"]) or "",
                    "position": fields["position"],
                },
            )
            resource_order.append((fields["position"], int(version.object_id)))
    try:
        tags = revision.article_info.tags
    except ArticleRevisionInfo.DoesNotExist:
        tags = None
    resources = [
        r for _, r in sorted(zip(resource_order, resources, strict=True), key=lambda x: x[0])
    ]
    return Snapshot(
        title=data.get("title", ""),
        standfirst=data.get("standfirst", ""),
        body=data.get("body", ""),
        section_id=data.get("section_id"),
        author_ids=[author_id for *_, author_id in sorted(bylines)],
        resources=resources,
        tags=tags,
        version=data.get("version"),
        revision=revision,
    )


# --- Comparison ---------------------------------------------------------------------


@dataclass
class FieldDiff:
    label: str
    changed: bool
    html: str = ""
    rows: list = field(default_factory=list)  # body only
    show_same: bool = True  # repeat the value when unchanged
    unknown: bool = False  # not recorded on one side


def _section_label(section_id, sections):
    section = sections.get(section_id)
    if section is None:
        return "—" if section_id is None else f"rubrique supprimée (n° {section_id})"
    return section.name if section.parent is None else f"{section.parent.name} › {section.name}"


def _resource_label(resource):
    return f"{resource['title']} ({resource['url'] or resource['file']})"


def compare(old, new):
    """A readable comparison of two snapshots, field by field, French labels."""
    section_ids = {old.section_id, new.section_id} - {None}
    sections = Section.objects.select_related("parent").in_bulk(section_ids)
    names = dict(
        Author.objects.filter(pk__in={*old.author_ids, *new.author_ids}).values_list("pk", "name")
    )

    def author(pk):
        return names.get(pk, f"auteur supprimé (n° {pk})")

    diffs = [
        FieldDiff("Titre", old.title != new.title, inline_diff(old.title, new.title)),
        FieldDiff(
            "Chapô", old.standfirst != new.standfirst, inline_diff(old.standfirst, new.standfirst)
        ),
    ]
    old_blocks, new_blocks = body_blocks(old.body), body_blocks(new.body)
    diffs.append(
        FieldDiff(
            "Texte",
            old_blocks != new_blocks,
            rows=body_diff(old.body, new.body) if old_blocks != new_blocks else [],
        )
    )
    old_section = _section_label(old.section_id, sections)
    new_section = _section_label(new.section_id, sections)
    diffs.append(
        FieldDiff(
            "Rubrique",
            old.section_id != new.section_id,
            list_diff([old_section], [new_section]),
        )
    )
    if old.tags is None or new.tags is None:
        diffs.append(
            FieldDiff("Mots-clés", False, "non enregistrés dans l'une des révisions", unknown=True)
        )
    else:
        old_tags = sorted(old.tags, key=french_sort_key)
        new_tags = sorted(new.tags, key=french_sort_key)
        diffs.append(FieldDiff("Mots-clés", old_tags != new_tags, list_diff(old_tags, new_tags)))
    old_authors = [author(pk) for pk in old.author_ids]
    new_authors = [author(pk) for pk in new.author_ids]
    diffs.append(
        FieldDiff("Auteurs", old.author_ids != new.author_ids, list_diff(old_authors, new_authors))
    )
    old_resources = [_resource_label(r) for r in old.resources]
    new_resources = [_resource_label(r) for r in new.resources]
    diffs.append(
        FieldDiff(
            "Ressources", old_resources != new_resources, list_diff(old_resources, new_resources)
        )
    )
    return diffs


# --- Restore ------------------------------------------------------------------------


def restore_comment(revision):
    return f"Restauration de la révision du {paris_date(revision.date_created)}"


def restore(article, revision, user, expected_version=None):
    """Copy a revision's content back onto the article, as a new revision.

    Status and publication dates are left alone. The save goes through the optimistic
    lock: StaleArticleError if the article changed since ``expected_version``.
    Returns the list of things that could not be brought back (deleted section/authors).
    """
    old = snapshot_of_revision(article, revision)
    skipped = []
    with transaction.atomic():
        ensure_current_state_recorded(article)
        with article_revision(article, user, restore_comment(revision)):
            article.title, article.standfirst, article.body = old.title, old.standfirst, old.body
            if old.section_id and Section.objects.filter(pk=old.section_id).exists():
                article.section_id = old.section_id
            elif old.section_id != article.section_id:
                skipped.append("la rubrique (supprimée depuis)")
            if expected_version is not None:
                article.version = expected_version
            article.save()
            _restore_bylines(article, old.author_ids, skipped)
            _restore_resources(article, old.resources)
            if old.tags is not None:
                article.tags.set(old.tags)
    return skipped


def _restore_bylines(article, author_ids, skipped):
    existing = set(Author.objects.filter(pk__in=author_ids).values_list("pk", flat=True))
    article.bylines.all().delete()
    for position, author_id in enumerate(author_ids):
        if author_id in existing:
            ArticleAuthor.objects.create(article=article, author_id=author_id, position=position)
        else:
            skipped.append(f"un auteur supprimé depuis (n° {author_id})")


def _restore_resources(article, resources):
    article.resources.all().delete()
    for resource in resources:
        Resource.objects.create(article=article, **resource)

"""The staff access policy: the one module every staff surface asks.

Admin querysets and object views, history, revisions, compare/restore, previews, share
links, the calendar, autocomplete, the changelist search, resource downloads and the
image library all call these functions; none of them decides on its own.

- Editors (the publish permission) see and change everything.
- A journalist sees what readers see, plus their own work: the articles they created
  or sign. Another journalist's unpublished article does not exist for them: a 404,
  never a 403 that would confirm it exists.
- A journalist changes their own articles until they are scheduled or published, and
  deletes them while they are drafts.
- Images: a journalist adds images and may change (or delete) the ones they uploaded
  while no scheduled or published article shows them; otherwise images are the editors'.

Model permissions (``articles.change_article``…) still apply on top: these rules only
ever narrow what the role's permissions allow.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from taggit.models import Tag, TaggedItem

from articles.models import LIVE_STATUSES, Article, ArticleAuthor, Status
from articles.models.articles import published_q
from authors.models import Author

PUBLISH_PERMISSION = "articles.publish_article"

# States in which an article's creator, without the publish permission, may still
# change it; listed, not excluded: a new workflow state is locked until someone
# decides otherwise. Scheduled, published and unpublished articles are the editors'.
EDITABLE_BY_CREATOR = frozenset({Status.DRAFT, Status.REVIEW, Status.CHANGES_REQUESTED})
# Deleting is narrower: once submitted, the article is in the editors' hands.
DELETABLE_BY_CREATOR = frozenset({Status.DRAFT})


# --- Roles ---------------------------------------------------------------------------


def is_staff_member(user):
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_editor(user):
    """Editors hold the publish permission (group « Éditeur », or granted directly)."""
    return is_staff_member(user) and user.has_perm(PUBLISH_PERMISSION)


# --- Articles ------------------------------------------------------------------------


def _own_work_q(user):
    signed = ArticleAuthor.objects.filter(author__user=user).values("article_id")
    return Q(created_by=user) | Q(pk__in=signed)


def is_creator(user, article):
    # On the add page the article does not exist yet: its writer is whoever creates it.
    if article.pk is None:
        return user.is_authenticated
    return (
        user.is_authenticated
        and article.created_by_id is not None
        and article.created_by_id == user.pk
    )


def is_own_work(user, article):
    if is_creator(user, article):
        return True
    return (
        user.is_authenticated
        and article.pk is not None
        and ArticleAuthor.objects.filter(article=article, author__user=user).exists()
    )


def visible_articles(user, queryset=None):
    """The articles ``user`` may see on any staff surface (lists, search, autocomplete…).

    Anyone else, staff or not, only gets what readers get.
    """
    queryset = Article.objects.all() if queryset is None else queryset
    if is_editor(user):
        return queryset
    if is_staff_member(user) and user.has_perm("articles.view_article"):
        return queryset.filter(published_q() | _own_work_q(user))
    return queryset.filter(published_q())


def can_view_article(user, article):
    if is_editor(user):
        return True
    if article.is_public:
        return True
    may_view = is_staff_member(user) and user.has_perm("articles.view_article")
    return may_view and is_own_work(user, article)


def can_change_article(user, article):
    """On top of the model permission: may ``user`` change this particular article?"""
    if is_editor(user):
        return True
    return is_creator(user, article) and article.status in EDITABLE_BY_CREATOR


def can_delete_article(user, article):
    if is_editor(user):
        return True
    return is_creator(user, article) and article.status in DELETABLE_BY_CREATOR


def article_or_404(user, pk, queryset=None):
    """The article ``pk`` if ``user`` may see it, else 404 (also for a malformed id)."""
    queryset = Article.objects.all() if queryset is None else queryset
    try:
        article = visible_articles(user, queryset).filter(pk=pk).first()
    except (TypeError, ValueError):
        article = None
    if article is None:
        raise Http404("Article introuvable.")
    return article


def can_share_article(user, article):
    """Share links to outside reviewers are an editorial decision."""
    return is_editor(user)


# --- Resources (documents attached to articles) --------------------------------------


def downloadable_resources(user, queryset):
    """Readers download the resources of published articles; staff those they may see."""
    return queryset.filter(article__in=visible_articles(user))


# --- Image library -------------------------------------------------------------------


def live_articles_showing(image):
    """Scheduled or published articles that show ``image`` (hero or body figure)."""
    # Trashed ones included: a restore brings them back live, as they were.
    # Both ways a body places a library image (see images/embed.py).
    return Article.all_objects.filter(status__in=LIVE_STATUSES).filter(
        Q(hero_image=image)
        | Q(body__contains=f'data-file="{image.pk}"')
        | Q(body__contains=f'data-image="{image.pk}"')
    )


def can_change_image(user, image):
    """Editors change any image; a journalist only their own, while no live article shows it."""
    if is_editor(user):
        return True
    if not is_staff_member(user) or image.pk is None:
        return False
    if image.uploader_id is None or image.uploader_id != user.pk:
        return False
    return not live_articles_showing(image).exists() and not is_author_photo(image)


def can_delete_image(user, image):
    return can_change_image(user, image)


def is_author_photo(image):
    """A portrait shown on a public author page: authors, and so their photos, are the editors'."""
    return Author.objects.filter(photo=image).exists()


# --- Revisions (history, comparison, restore, preview of an old version) -------------


def can_see_revisions(user, article):
    """Editors: any article. A journalist: only their own work, even once published,
    since old revisions may hold text removed on purpose (a correction, a colleague's draft)."""
    if is_editor(user):
        return True
    return can_view_article(user, article) and is_own_work(user, article)


# --- Trash (deleted articles, restorable until purged) --------------------------------


def can_manage_trash(user):
    """Browse, restore and purge the trash: editors allowed to delete articles.

    A journalist may put their own draft in the trash (can_delete_article) but never
    sees it again there: what others deleted is not theirs to read or bring back.
    """
    return is_editor(user) and user.has_perm("articles.delete_article")


# --- Tags ----------------------------------------------------------------------------


def visible_tags(user, queryset=None):
    """The tags ``user`` may see on a staff surface: the tag admin, its search, autocompletes.

    Editors: every tag. Anyone else: the tags of the articles they may see
    (visible_articles), so a tag typed only on a colleague's draft stays unknown. A tag
    on no article at all is hidden as well: taggit keeps a tag once it leaves its last
    article, so an unused tag is often a name typed on a draft (then removed, or the
    draft purged), not harmless metadata. One uncorrelated subquery over TaggedItem (its
    content-type index): ~150 ms on PostgreSQL at 100 000 articles and 350 000 tagged
    items, however many tags are hidden (a per-tag EXISTS was 6 ms, but ~50 ms per hidden
    tag: PostgreSQL walks the articles' primary key for each).
    """
    queryset = Tag.objects.all() if queryset is None else queryset
    if is_editor(user):
        return queryset
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article),
        object_id__in=visible_articles(user).values("pk"),
    )
    return queryset.filter(pk__in=tagged.values("tag_id"))


def can_manage_tags(user):
    """Create, rename, merge or delete tags in the tag admin: editors only.

    A journalist creates a tag by typing it on their article. The tag admin's add form
    would also tell them whether a hidden tag exists ("this name is already taken").
    """
    return is_editor(user)

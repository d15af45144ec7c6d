"""Attacks on the writing desk: autosave, the pre-publication checklist, the timeline.

Each test is what a hostile (or curious) journalist tries; a passing test documents the
defence. Autosaves are a writer's unsaved text: nobody else reads them, anywhere.
"""

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleUpdate, ShareLink, Status, Transition, UpdateKind
from articles.revisions import article_revision, article_versions
from articles.trash import trash_articles
from authors.models import Author
from tests.helpers import ADD_URL, change_url, logged_in, title_in_form
from tests.security.payloads import PAYLOADS, live_markup
from tests.test_admin_articles import article_form_data
from tests.test_autosave import autosave, autosave_url, autosaves_of, opened

ARTICLES = "/admin/articles/article/"
SECRET = "Texte secret pas encore enregistré"
BODY_PAYLOAD = (
    '<p>Début.</p><script>alert("autosave")</script>'
    '<p><a href="javascript:alert(1)">js</a> <a href="data:text/html,<script>alert(2)</script>">'
    'data</a> <a href="https://exemple.fr/" onclick="alert(3)">clic</a></p>'
    '<img src="//evil.example/x.png" alt="a"><img src="x" onerror="alert(4)">'
    '<p onmouseover="alert(5)">survol</p>'
)
FORBIDDEN_IN_BODY = ("<script", "javascript:", "data:text", "onclick", "onerror", "onmouseover")


def preview_url(article, version_id):
    return f"{ARTICLES}{article.pk}/apercu/?revision={version_id}"


def history_url(article):
    return f"{ARTICLES}{article.pk}/revisions/"


def checklist_url(article=None):
    where = f"{article.pk}/" if article else ""
    return f"{ARTICLES}{where}liste-de-controle/"


def draft_of(make_article, user, **fields):
    fields.setdefault("title", "Brouillon enregistré du journaliste")
    article = make_article(status=Status.DRAFT, created_by=user, **fields)
    with article_revision(article, user, "Création"):
        pass
    return article


def signed_by(article, user, name="Co-signataire"):
    """``user`` signs ``article`` too (their own work: they see its revisions)."""
    author = Author.objects.create(name=name, user=user)
    article.bylines.create(author=author, position=5)
    return author


# --- Autosave: a writer's unsaved text is theirs alone -------------------------------------


def test_previewing_an_editors_autosave_does_not_show_a_journalist_their_unsaved_text(
    make_article, journalist, journalist_client, editor_client, editor
):
    draft = draft_of(make_article, journalist)
    autosave(editor_client, draft, opened(editor_client, draft), body=f"<p>{SECRET}</p>")
    [kept] = autosaves_of(draft, editor)

    # The journalist sees the revisions of their own article; the editor's autosave is
    # not one of them: guessing its id in the preview shows nothing of it.
    response = journalist_client.get(preview_url(draft, kept.pk))

    assert SECRET not in response.content.decode()
    assert response.status_code == 404


def test_a_co_signing_colleague_cannot_preview_the_writers_autosave(
    make_article, journalist, journalist_client, other_journalist, other_journalist_client
):
    draft = draft_of(make_article, journalist)
    signed_by(draft, other_journalist)
    autosave(journalist_client, draft, opened(journalist_client, draft), body=f"<p>{SECRET}</p>")
    [kept] = autosaves_of(draft, journalist)

    response = other_journalist_client.get(preview_url(draft, kept.pk))

    assert SECRET not in response.content.decode()
    assert response.status_code == 404


def test_a_saved_revision_still_previews(make_article, journalist, journalist_client):
    draft = draft_of(make_article, journalist)
    saved = article_versions(draft).first()
    response = journalist_client.get(preview_url(draft, saved.pk))
    assert response.status_code == 200
    assert "Brouillon enregistré du journaliste" in response.content.decode()


def test_a_colleagues_autosave_id_on_my_own_article_shows_nothing(
    make_article, journalist, journalist_client, other_journalist, other_journalist_client
):
    """Ids of another article's autosave, in ``reprendre``, ``ignorer`` and the preview."""
    theirs = draft_of(make_article, other_journalist, title="Brouillon du collègue")
    autosave(
        other_journalist_client,
        theirs,
        opened(other_journalist_client, theirs),
        body=f"<p>{SECRET}</p>",
    )
    [kept] = autosaves_of(theirs, other_journalist)
    mine = draft_of(make_article, journalist, title="Mon brouillon à moi")

    for url in (
        f"{change_url(mine)}?reprendre={kept.revision_id}",
        preview_url(mine, kept.pk),
        f"{change_url(theirs)}?reprendre={kept.revision_id}",
        preview_url(theirs, kept.pk),
    ):
        response = journalist_client.get(url)
        assert SECRET not in response.content.decode(), url
        assert "Brouillon du collègue" not in response.content.decode(), url
    for article in (mine, theirs):
        response = journalist_client.post(
            f"{autosave_url(article)}ignorer/", {"revision": kept.revision_id}
        )
        assert response.status_code == 404
    assert autosaves_of(theirs) == [kept]


@pytest.mark.parametrize("raw", ["abc", "-1", "1e3", "9" * 40, "", "0x10", "1;drop"])
def test_garbage_revision_ids_are_not_errors(make_article, journalist, journalist_client, raw):
    draft = draft_of(make_article, journalist)
    saved_title = draft.title
    response = journalist_client.get(f"{change_url(draft)}?reprendre={raw}")
    assert response.status_code == 200
    assert title_in_form(response.content) == saved_title  # as if the parameter were absent
    ignored = journalist_client.post(f"{autosave_url(draft)}ignorer/", {"revision": raw})
    assert ignored.status_code == 404
    assert autosaves_of(draft) == []
    preview = journalist_client.get(preview_url(draft, raw))
    assert preview.status_code == 404
    assert "Page introuvable" in preview.content.decode()


def test_autosave_endpoints_refuse_get(make_article, journalist, journalist_client):
    draft = draft_of(make_article, journalist)
    for url in (autosave_url(draft), f"{autosave_url(draft)}ignorer/", f"{ADD_URL}autosave/"):
        assert journalist_client.get(url).status_code == 405


def test_autosaving_a_colleagues_or_a_locked_article_keeps_nothing(
    make_article, journalist, journalist_client, other_journalist
):
    theirs = draft_of(make_article, other_journalist)
    published = make_article(title="Mon article publié", created_by=journalist)
    data = article_form_data(theirs.section, article=theirs, title="Piraté")
    data["article_version"] = str(theirs.version)
    assert journalist_client.post(autosave_url(theirs), data).status_code == 404
    data = article_form_data(published.section, article=published, title="Réécrit")
    data["article_version"] = str(published.version)
    assert journalist_client.post(autosave_url(published), data).status_code == 403
    assert autosaves_of(theirs) == [] and autosaves_of(published) == []


def test_an_autosave_with_a_save_button_is_refused(make_article, journalist, journalist_client):
    draft = draft_of(make_article, journalist)
    data = opened(journalist_client, draft)
    for key in ("_save", "_continue", "_transition", "_saveasnew"):
        response = autosave(journalist_client, draft, data, **{key: "submit"}, title="Autre")
        assert response.status_code == 400, key
    assert autosaves_of(draft) == []
    assert Article.objects.get(pk=draft.pk).title == draft.title


def test_the_add_autosave_ignores_forged_editor_fields(
    journalist, journalist_client, sections, make_article
):
    other = make_article(title="Un autre article publié")
    data = article_form_data(
        sections["politique"],
        title="Nouveau brouillon forgé",
        standfirst="Un chapô pour le brouillon.",
        status=Status.PUBLISHED,
        published_at="2020-01-01 10:00",
        published_at_0="01/01/2020",
        published_at_1="10:00",
        featured="on",
        home_position="1",
        access="subscribers",
        checklist_override="on",
        signal_update="on",
        slug="forge",
        related_articles=str(other.pk),
        created_by="1",
        version="999",
    )
    response = journalist_client.post(f"{ADD_URL}autosave/", data)
    # Refused outright (the form's forged-field refusal), nothing created.
    assert response.status_code == 400
    assert "Rien n'a été enregistré" in response.json()["message"]
    assert not Article.objects.filter(title="Nouveau brouillon forgé").exists()
    # Each forged field on its own, too.
    clean = article_form_data(
        sections["politique"], title="Brouillon honnête", standfirst="Un chapô honnête."
    )
    for name, value in {
        "status": Status.PUBLISHED,
        "published_at_0": "01/01/2020",
        "featured": "on",
        "access": "subscribers",
        "checklist_override": "on",
        "created_by": str(journalist.pk + 1),
    }.items():
        response = journalist_client.post(f"{ADD_URL}autosave/", clean | {name: value})
        assert response.status_code == 400, name
    assert not Article.objects.filter(title="Brouillon honnête").exists()
    # Without them: a draft, the journalist's, unpublished.
    response = journalist_client.post(f"{ADD_URL}autosave/", clean)
    assert response.status_code == 200
    [article] = Article.objects.filter(title="Brouillon honnête")
    assert article.status == Status.DRAFT and article.published_at is None
    assert article.created_by == journalist and not article.featured
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_an_autosave_never_keeps_markup_the_body_sanitiser_refuses(
    make_article, journalist, journalist_client
):
    draft = draft_of(make_article, journalist)
    response = autosave(
        journalist_client,
        draft,
        opened(journalist_client, draft),
        body=BODY_PAYLOAD,
        hero_caption='<script>alert("légende")</script>',
    )
    assert response.status_code == 200
    [kept] = autosaves_of(draft, journalist)
    stored = kept.field_dict["body"]
    for needle in FORBIDDEN_IN_BODY:
        assert needle not in stored.lower(), needle
    assert "//evil.example" not in stored

    # Taken back, the text lands in the form as text: nothing of it comes alive.
    page = journalist_client.get(f"{change_url(draft)}?reprendre={kept.revision_id}")
    assert page.status_code == 200
    assert "Début." in page.content.decode()
    assert live_markup(page.content) == []
    # Nor on the timeline.
    timeline = journalist_client.get(history_url(draft))
    assert timeline.status_code == 200
    assert live_markup(timeline.content) == []


# --- The checklist ----------------------------------------------------------------------


def checklist_of(client, article=None, **fields):
    section = article.section if article else None
    if section is None:
        from articles.models import Section

        section = Section.objects.first()
    data = article_form_data(section, article=article, **fields)
    if article is not None:
        data["article_version"] = str(article.version)
    return client.post(checklist_url(article), data)


def test_the_checklist_does_not_tell_whether_a_colleagues_draft_exists(
    make_article, journalist, journalist_client, other_journalist
):
    secret = make_article(
        title="Scoop du collègue",
        slug="scoop-du-collegue",
        status=Status.DRAFT,
        created_by=other_journalist,
    )
    scheduled = make_article(
        title="Programmé du collègue",
        slug="programme-du-collegue",
        status=Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=2),
        created_by=other_journalist,
    )
    mine = draft_of(make_article, journalist)
    path = secret.get_absolute_url()
    unknown = path.replace("scoop-du-collegue", "nexiste-pas-du-tout")
    sched_path = scheduled.get_absolute_url()
    sched_unknown = sched_path.replace("programme-du-collegue", "programme-inconnu")

    def answer(href):
        response = checklist_of(journalist_client, mine, body=f'<p><a href="{href}">x</a></p>')
        assert response.status_code == 200
        # The address typed is quoted back (cut to 60 characters): nothing else differs.
        return re.sub(r"« [^»]* »", "« »", response.content.decode())

    assert answer(path) == answer(unknown)
    assert answer(sched_path) == answer(sched_unknown)
    for html in (answer(path), answer(sched_path)):
        assert "Scoop du collègue" not in html and "Programmé du collègue" not in html


def test_the_checklist_of_a_colleagues_draft_is_a_404(
    make_article, journalist_client, other_journalist
):
    theirs = make_article(
        title="Scoop du collègue", status=Status.DRAFT, created_by=other_journalist
    )
    response = checklist_of(journalist_client, theirs)
    assert response.status_code == 404
    assert "Scoop" not in response.content.decode()


@pytest.mark.parametrize("object_id", ["abc", "0", "99999999", "1/2", "-1", "9" * 40, "%00"])
def test_the_checklist_with_garbage_ids_is_a_404(journalist_client, sections, object_id):
    response = journalist_client.post(f"{ARTICLES}{object_id}/liste-de-controle/", {})
    # A NUL byte in the address is Django's 400 before any view.
    assert response.status_code == (400 if object_id == "%00" else 404)


def test_the_checklist_refuses_get(make_article, journalist, journalist_client):
    mine = draft_of(make_article, journalist)
    assert journalist_client.get(checklist_url(mine)).status_code == 405
    assert journalist_client.get(checklist_url()).status_code == 405


def test_the_checklist_of_a_huge_body_is_quick(make_article, journalist, journalist_client):
    mine = draft_of(make_article, journalist)
    links = "".join(f'<a href="/politique/article-{n}">lien {n}</a> ' for n in range(10_000))
    body = f"<p>{links}</p>"
    assert len(body) > 400_000
    start = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        response = checklist_of(journalist_client, mine, body=body)
    elapsed = time.monotonic() - start
    assert response.status_code == 200
    assert elapsed < 5, f"{elapsed:.1f} s"
    assert len(queries) < 40
    assert "pas été vérifiées : trop de liens" in response.content.decode()


def test_the_checklist_of_a_2_mb_body_is_quick_or_refused(
    make_article, journalist, journalist_client
):
    mine = draft_of(make_article, journalist)
    body = "<p>" + ("mot " * 500_000) + "</p>"
    start = time.monotonic()
    response = checklist_of(journalist_client, mine, body=body)
    elapsed = time.monotonic() - start
    assert response.status_code in {200, 400, 413}
    assert elapsed < 5, f"{elapsed:.1f} s"


def test_a_journalists_forged_override_does_not_publish(
    make_article, journalist, journalist_client
):
    mine = draft_of(make_article, journalist, standfirst="")
    data = article_form_data(
        mine.section, article=mine, standfirst="", checklist_override="on", _transition="publish"
    )
    data["article_version"] = str(mine.version)
    for transition in ("publish", "schedule"):
        data["_transition"] = transition
        journalist_client.post(change_url(mine), data)
        mine.refresh_from_db()
        assert mine.status == Status.DRAFT
    assert not mine.transitions.exists()


# --- The timeline -----------------------------------------------------------------------


def test_the_timeline_escapes_every_user_string(make_article, editor, editor_client, journalist):
    article = make_article(created_by=journalist)
    with article_revision(article, editor, "Création"):
        pass
    for payload in PAYLOADS:
        text = payload.text[:190]
        Transition.objects.create(
            article=article,
            from_status=Status.REVIEW,
            to_status=Status.PUBLISHED,
            by=editor,
            comment=text,
        )
        ArticleUpdate.objects.create(article=article, kind=UpdateKind.UPDATE, note=text, by=editor)
        ShareLink.objects.create(
            article=article,
            created_by=editor,
            note=text,
            expires_at=timezone.now() + timedelta(days=1),
            revoked_at=timezone.now(),
        )
    article.title = '"><img src=x onerror=alert(1)> titre'
    article.save()
    article.tags.add('<script>alert("tag")</script>')
    with article_revision(article, editor, "<script>alert('commentaire')</script>"):
        pass
    for url in (history_url(article), f"{ARTICLES}{article.pk}/history/", change_url(article)):
        response = editor_client.get(url, follow=True)
        assert response.status_code == 200, url
        assert live_markup(response.content) == [], url


def test_the_timeline_hides_share_link_recipients_from_journalists(
    make_article, editor, journalist, journalist_client
):
    article = draft_of(make_article, journalist)
    ShareLink.objects.create(
        article=article,
        created_by=editor,
        note="Dr Source Confidentielle",
        expires_at=timezone.now() + timedelta(days=1),
        revoked_at=timezone.now(),
    )
    for url in (history_url(article), f"{ARTICLES}{article.pk}/history/", change_url(article)):
        response = journalist_client.get(url, follow=True)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Lien de partage" in html or url == change_url(article)
        assert "Confidentielle" not in html, url


def test_a_colleagues_draft_timeline_is_a_404(make_article, journalist_client, other_journalist):
    theirs = make_article(title="Scoop", status=Status.DRAFT, created_by=other_journalist)
    for url in (history_url(theirs), f"{ARTICLES}{theirs.pk}/history/"):
        response = journalist_client.get(url)
        assert response.status_code == 404
        assert "Scoop" not in response.content.decode()


@pytest.mark.parametrize(
    "avant",
    [
        "pas-une-date",
        "2024-01-01T10:00:00",  # naive
        "2024-13-45T10:00:00+00:00",
        "2024-01-01T10:00:00+99:00",
        "9999-12-31T23:59:59+00:00",
        "9999-12-31T23:59:59-14:00",  # beyond year 9999 in UTC
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T00:00:00+14:00",  # before year 1 in UTC
        "1970-01-01T00:00:00Z",
        "9" * 5000,
        "2024-01-01T10:00:00+00:00\x00",
        "",
    ],
)
def test_odd_page_starts_are_a_404_or_a_page(make_article, editor, avant):
    article = make_article()
    client = logged_in(editor, raise_request_exception=False)
    response = client.get(history_url(article), {"avant": avant})
    # (A NUL byte in the query string is Django's own 400, before any view.)
    assert response.status_code in ({200, 404} if "\x00" not in avant else {400}), avant


def test_the_timeline_costs_the_same_queries_however_long(
    make_article, editor, editor_client, journalist, journalist_client
):
    def fill(article, n):
        for i in range(n):
            with article_revision(article, editor, f"Révision {i}"):
                pass
            Transition.objects.create(
                article=article, from_status=Status.DRAFT, to_status=Status.REVIEW, by=editor
            )
            ArticleUpdate.objects.create(
                article=article, kind=UpdateKind.UPDATE, note=f"note {i}", by=editor
            )
            ShareLink.objects.create(
                article=article,
                created_by=editor,
                note=f"n {i}",
                expires_at=timezone.now() + timedelta(days=1),
            )

    def count(client, article):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(history_url(article)).status_code == 200
        return len(queries)

    small = make_article(created_by=journalist)
    big = make_article(created_by=journalist)
    fill(small, 2)
    fill(big, 12)
    assert count(editor_client, small) == count(editor_client, big)
    assert count(journalist_client, small) == count(journalist_client, big)


def test_compare_and_restore_refuse_an_autosave_id(
    make_article, journalist, journalist_client, editor_client, editor
):
    draft = draft_of(make_article, journalist)
    saved = article_versions(draft).first()
    autosave(editor_client, draft, opened(editor_client, draft), body=f"<p>{SECRET}</p>")
    [kept] = autosaves_of(draft, editor)
    compare = f"{ARTICLES}{draft.pk}/revisions/comparer/"
    restore = f"{ARTICLES}{draft.pk}/revisions/{kept.revision_id}/restaurer/"
    for client in (journalist_client, editor_client):
        for query in (
            {"de": saved.revision_id, "vers": kept.revision_id},
            {"de": kept.revision_id, "vers": "actuelle"},
        ):
            response = client.get(compare, query)
            assert response.status_code == 404
            assert SECRET not in response.content.decode()
        response = client.get(restore)
        assert response.status_code == 404
        assert SECRET not in response.content.decode()
    response = journalist_client.post(restore, {"article_version": str(draft.version)})
    assert response.status_code == 404
    assert SECRET not in Article.objects.get(pk=draft.pk).body


def test_a_colleagues_published_article_history_shows_no_revision_nor_recipient(
    make_article, editor, other_journalist, journalist_client
):
    article = make_article(title="Article publié du collègue", created_by=other_journalist)
    with article_revision(article, other_journalist, "Création"):
        pass
    ShareLink.objects.create(
        article=article,
        created_by=editor,
        note="Dr Source Confidentielle",
        expires_at=timezone.now() + timedelta(days=1),
    )
    assert journalist_client.get(history_url(article)).status_code == 403
    response = journalist_client.get(f"{ARTICLES}{article.pk}/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Confidentielle" not in html
    assert "Révision" not in html and "Comparer" not in html and "Restaurer" not in html


def test_the_checklist_fragment_escapes_what_was_typed(
    make_article, journalist, journalist_client, make_library_image
):
    mine = draft_of(make_article, journalist)
    for payload in PAYLOADS:
        text = payload.text[:200]
        response = checklist_of(
            journalist_client,
            mine,
            title=text,
            standfirst=text,
            tags=f'"{text.replace(chr(34), "")}"',
            body=(
                f'<h2>{text}</h2><p><a href="https://exemple.fr/{text}">a</a>'
                f'<a href="/{text}">b</a><a href="mailto:{text}">c</a>'
                f'<a href="{text}">d</a></p><img src="/{text}" alt="">'
            ),
        )
        assert response.status_code == 200, payload.name
        # checklist.js puts the fragment in the page as HTML.
        found = live_markup(f"<html><body>{response.content.decode()}</body></html>")
        assert found == [], payload.name


def test_the_checklist_of_2_mb_of_distinct_links_is_quick(
    make_article, journalist, journalist_client
):
    mine = draft_of(make_article, journalist)
    links = "".join(f'<a href="/p/{n}">{n}</a>' for n in range(90_000))
    body = f"<p>{links}</p>"
    assert len(body) > 2_000_000
    start = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        response = checklist_of(journalist_client, mine, body=body)
    elapsed = time.monotonic() - start
    assert response.status_code in {200, 400, 413}
    assert elapsed < 5, f"{elapsed:.1f} s"
    assert len(queries) < 40


def test_a_trashed_draft_cannot_be_autosaved_nor_checked(
    make_article, journalist, journalist_client
):
    draft = draft_of(make_article, journalist)
    data = opened(journalist_client, draft)
    trash_articles(Article.objects.filter(pk=draft.pk), journalist)
    assert not Article.objects.filter(pk=draft.pk).exists()
    response = autosave(journalist_client, draft, data, title="Après la corbeille")
    assert response.status_code == 404
    assert journalist_client.post(checklist_url(draft), data).status_code == 404
    assert journalist_client.get(history_url(draft)).status_code == 404


def test_the_checklist_costs_the_same_queries_however_many_links(
    make_article, journalist, journalist_client
):
    mine = draft_of(make_article, journalist)
    published = [make_article(slug=f"publie-{n}") for n in range(30)]

    def count(articles):
        links = "".join(f'<a href="{a.get_absolute_url()}">x</a>' for a in articles)
        with CaptureQueriesContext(connection) as queries:
            response = checklist_of(journalist_client, mine, body=f"<p>{links}</p>")
        assert response.status_code == 200
        assert "À corriger : «" not in response.content.decode()
        return len(queries)

    assert count(published[:1]) == count(published)

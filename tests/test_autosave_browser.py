"""autosave.js in a real browser, under the admin's CSP: typing in the rich-text editor is
autosaved without touching the article; a new article becomes a draft the page goes on
editing; the manual save then meets no conflict. Skipped without Chromium (see
tests/security/test_csp_browser.py, whose browser fixtures these are)."""

import re

from articles.models import Article, Status
from articles.revisions import article_versions
from tests.security import test_csp_browser as csp

pytestmark = csp.pytestmark
browser, context, problems, editor_session = (
    csp.browser, csp.context, csp.problems, csp.editor_session,
)  # fmt: skip

SAVED = re.compile(r"Enregistré automatiquement à \d\dh\d\d")


def autosaved_bodies(article):
    versions = article_versions(article).filter(revision__article_info__autosave=True)
    return [v.field_dict["body"] for v in versions]


def test_typing_is_autosaved_and_the_manual_save_is_no_conflict(
    context, editor_session, make_article, problems
):
    article = make_article(title="Article ouvert", status=Status.DRAFT, body="<p>Début.</p>")
    page = context.new_page()
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    editor = page.locator(".ProseMirror >> visible=true").first
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Une phrase tapée dans le navigateur.")

    status = page.locator("[data-autosave-status]")
    status.wait_for(state="visible", timeout=15000)
    assert SAVED.fullmatch(status.inner_text())
    assert "Une phrase tapée dans le navigateur." in autosaved_bodies(article)[0]
    assert Article.objects.get(pk=article.pk).body == "<p>Début.</p>"

    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert "Conflit de modification" not in page.content()
    article.refresh_from_db()
    assert "Une phrase tapée dans le navigateur." in article.body
    assert autosaved_bodies(article) == []
    assert problems == []


def test_a_new_article_becomes_a_draft_and_the_page_edits_it(
    context, editor_session, sections, problems
):
    page = context.new_page()
    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").fill("Les urgences sous tension")
    page.locator("#id_standfirst").fill("Un hiver difficile pour les hôpitaux.")
    # The section's autocomplete, as if picked: its <select> holds the chosen option.
    section = sections["politique"]
    page.evaluate(
        """([pk, name]) => {
          const select = document.getElementById("id_section");
          select.append(new Option(name, pk, true, true));
          select.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        [str(section.pk), section.name],
    )
    page.locator(".ProseMirror >> visible=true").first.click()
    page.keyboard.type("Premier paragraphe.")

    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/$"), timeout=15000)
    article = Article.objects.get()
    assert (article.title, article.status) == ("Les urgences sous tension", Status.DRAFT)
    assert article.created_by == editor_session

    page.locator(".ProseMirror >> visible=true").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" Suite écrite après la création.")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert "Conflit de modification" not in page.content()
    assert Article.objects.count() == 1
    article.refresh_from_db()
    assert "Suite écrite après la création." in article.body
    assert problems == []

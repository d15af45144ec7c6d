"""The checklist follows the writing in a real browser, under the admin's CSP.

Same set-up as test_csp_browser.py (headless Chromium, skipped without it): an editor
types a long title and a link in the rich-text editor; the side column's checklist
changes by itself, nothing is saved, and no policy violation nor script error occurs.
"""

import pytest

from articles.models import Article
from tests.security.test_csp_browser import (  # noqa: F401 - fixtures
    CHROMIUM,
    browser,
    context,
    editor_session,
    problems,
    shoot,
)

pytestmark = [
    pytest.mark.skipif(not CHROMIUM, reason="Chromium n'est pas installé"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_checklist_updates_as_one_types(context, editor_session, sections, problems):  # noqa: F811
    page = context.new_page()
    page.goto("/admin/articles/article/add/")
    checklist = page.locator(".checklist")
    assert "Choisissez une rubrique" in checklist.inner_text()

    page.locator("#id_title").fill("Un titre " + "très " * 20 + "long")
    page.locator(".checklist__item[data-code=title]", has_text="À vérifier").wait_for()
    assert "Le titre fait" in checklist.locator("[data-code=title]").inner_text()

    # The rich-text editor keeps #id_body in step; its changes reach the checklist too.
    editor = page.locator(".ProseMirror >> visible=true").first
    editor.click()
    page.keyboard.type("Voir la HAS.")
    page.locator(".checklist__item[data-code=body_images]").wait_for()
    # A link typed without https:// (set as the editor would store it).
    page.evaluate("""() => {
      const textarea = document.getElementById("id_body");
      textarea.value = '<p><a href="www.has-sante.fr">HAS</a></p>';
      textarea.dispatchEvent(new Event("input", {bubbles: true}));
    }""")
    page.locator(".checklist__item[data-code=external_links]", has_text="À corriger").wait_for()
    assert "commencez-la par https://" in checklist.inner_text()
    assert page.locator(".checklist__summary").get_attribute("aria-live") == "polite"
    shoot(page, "article-checklist")

    assert not Article.objects.exists()
    assert problems == []

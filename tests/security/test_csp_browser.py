"""The admin works in a real browser under the Content-Security-Policy.

Headless Chromium (Debian's ``chromium`` package, driven by Playwright) logs in as an
editor, types in the rich-text editor, opens the image picker from the figure dialog and
picks an image, adds a section through the admin's "+" popup, and opens the editorial
calendar; public pages are visited too. Every console message, page error and
``securitypolicyviolation`` event, in every window, fails the test.

Skipped when Playwright or Chromium is missing (``pip install -e ".[browser]"``,
``apt-get install chromium``), except in CI (REQUIRE_BROWSER_TESTS=1), which installs both.
Screenshots go to var/screenshots/ (not committed).
"""

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connections
from django.utils import timezone

from articles.models import Section
from newsroom import roles

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# CI installs Chromium and sets REQUIRE_BROWSER_TESTS=1: there, a missing browser fails.
if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
    from playwright import sync_api

    assert CHROMIUM, "REQUIRE_BROWSER_TESTS=1 mais Chromium est introuvable"
else:
    sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM, reason="Chromium n'est pas installé"),
    # The roles are groups created by migrations: serialized_rollback keeps them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

# Reported to Python from every window (popups included), before any page script runs.
WATCH_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${event.violatedDirective} bloque ${event.blockedURI || "inline"} `
    + `(${event.sourceFile || location.pathname}:${event.lineNumber})`
  );
});
"""


@pytest.fixture
def browser():
    # One per test, started after the test database is ready: while Playwright's sync API
    # runs, its event loop makes Django see another context (and another connection).
    # The database calls of the fixtures (same thread, no concurrency) are safe.
    with pytest.MonkeyPatch.context() as patch, sync_api.sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
        # The connections Django opened in Playwright's context would outlive the test and
        # keep the PostgreSQL test database in use at teardown.
        connections.close_all()


@pytest.fixture
def problems():
    return []


@pytest.fixture
def context(browser, live_server, problems):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="fr-FR"
    )
    context.expose_binding("reportViolation", lambda source, text: problems.append(text))
    context.add_init_script(WATCH_CSP)

    def failed(response):
        # Browsers ask for /favicon.ico on admin pages, which declare none.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            problems.append(f"{response.status} {response.url}")

    def console(message):
        # Failed loads are reported by failed() above, with their address.
        if not message.text.startswith("Failed to load resource"):
            problems.append(f"console {message.type}: {message.text}")

    def watch(page):
        page.on("console", console)
        page.on("response", failed)
        page.on("pageerror", lambda error: problems.append(f"erreur JS : {error}"))

    context.on("page", watch)
    yield context
    context.close()


@pytest.fixture
def editor_session(context, client, django_user_model, live_server):
    """An editor of the Éditeur group, logged in through a forced session cookie."""
    user = django_user_model.objects.create_user(
        "redactrice-en-chef", password="motdepasse-de-test", is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return user


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def click_closing(window, locator):
    """Click a control whose handler closes its own window, and wait for the close.

    The window may close while Playwright is still finishing the click: that race is
    the expected outcome, not a failure, so the only thing checked is that it closed.
    """
    with window.expect_event("close"):
        try:
            locator.click()
        except sync_api.Error:
            if not window.is_closed():
                raise


# Lazy images load now; the answer lists those that failed (blocked or missing).
LOAD_IMAGES = """async () => {
  const images = Array.from(document.images);
  images.forEach((image) => { image.loading = "eager"; });
  await Promise.all(images.map((image) => image.decode().catch(() => null)));
  return images.filter((image) => !image.naturalWidth).map((image) => image.src);
}"""


def images_loaded(page):
    assert page.evaluate(LOAD_IMAGES) == []


def test_article_form_editor_and_image_picker(
    context, editor_session, make_library_image, sections, problems
):
    make_library_image(alt_text="Bloc opératoire", caption="Au CHU de Nantes")
    page = context.new_page()
    page.goto("/admin/articles/article/add/")
    editor = page.locator(".ProseMirror >> visible=true").first
    editor.click()
    page.keyboard.type("Le numérique s’ancre dans les hôpitaux.")
    assert "Le numérique s’ancre" in editor.inner_text()
    # Spell-checked in French, and a toolbar in French (the editor's titles are English).
    assert editor.get_attribute("spellcheck") == "true" and editor.get_attribute("lang") == "fr"
    titles = page.locator(".prose-menubar [title]").evaluate_all("els => els.map(e => e.title)")
    assert "Gras" in titles and "Insérer un lien" in titles
    assert not {"bold", "italic", "insert link", "paragraph", "undo"} & set(titles), titles
    assert "mots" in page.locator("#id_body_count").inner_text()
    shoot(page, "article-form")

    # The figure dialog's "Parcourir..." opens the photothèque picker in a popup.
    page.locator(".prose-menubar button[data-name=figure]").first.click()
    with context.expect_page() as opened:
        page.get_by_role("button", name="Parcourir...").click()
    picker = opened.value
    picker.wait_for_load_state()
    picker.locator("button[data-image-id]").first.scroll_into_view_if_needed()
    images_loaded(picker)
    shoot(picker, "image-picker")
    click_closing(picker, picker.locator("button[data-image-id]").first)
    # The picker handed the image back to the opener's dialog.
    assert page.locator("input[name=altText]").input_value() == "Bloc opératoire"
    page.get_by_role("button", name="Insérer", exact=True).click()
    editor.locator("figure img").wait_for()
    # What is typed next goes after the figure, not into its caption.
    page.keyboard.type("Suite du texte après la figure.")
    assert "Suite du texte" not in editor.locator("figure").inner_text()
    assert "Suite du texte" in editor.locator(":scope > p").last.inner_text()
    images_loaded(page)
    shoot(page, "article-form-figure")

    assert problems == []


def test_related_object_popup(context, editor_session, sections, problems):
    """The admin's "+" next to a foreign key: a popup, then back to the opener (COOP)."""
    page = context.new_page()
    page.goto("/admin/articles/article/add/")
    with context.expect_page() as opened:
        page.locator("#add_id_section").click()
    popup = opened.value
    popup.wait_for_load_state()
    popup.fill("#id_name", "Hôpital")  # The slug follows (prepopulate.js).
    click_closing(popup, popup.locator("input[name=_save]"))
    created = Section.objects.get(slug="hopital")
    assert page.locator("#id_section").input_value() == str(created.pk)

    assert problems == []


def test_calendar(context, editor_session, make_article, problems):
    make_article(
        title="Le budget de la Sécu programmé",
        status="scheduled",
        published_at=timezone.now() + timedelta(hours=2),
    )
    page = context.new_page()
    page.goto("/admin/articles/article/calendrier/")
    assert page.get_by_text("Le budget de la Sécu programmé").count() >= 1
    shoot(page, "calendar")
    page.get_by_role("link", name="Semaine").click()
    page.wait_for_load_state()
    assert page.get_by_text("Le budget de la Sécu programmé").count() >= 1
    assert problems == []


def test_other_staff_pages(context, editor_session, make_article, make_library_image, problems):
    """Every other admin screen with scripts of its own: image form, author form, lists."""
    article = make_article()
    image = make_library_image()
    page = context.new_page()
    for url in [
        "/admin/",
        f"/admin/images/image/{image.pk}/change/",
        "/admin/images/image/",
        "/admin/authors/author/add/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/article/",
        "/admin/securite/double-authentification/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        images_loaded(page)
    assert problems == []


def test_public_pages(context, make_article, make_library_image, problems):
    article = make_article(
        title="Hôpital : le plan d'investissement", hero_image=make_library_image()
    )
    page = context.new_page()
    for url in ["/", article.get_absolute_url(), "/recherche/?q=hopital", "/admin/login/"]:
        response = page.goto(url)
        assert response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
        images_loaded(page)
    shoot(page, "search")
    assert problems == []


def test_every_other_admin_page_type(
    context, editor_session, make_article, make_library_image, author, problems
):
    """The second tour's walk: trash, share links, revisions, tags and their merge, redirects."""
    from articles import trash
    from articles.models import ShareLink
    from articles.revisions import article_revision, article_versions

    article = make_article(title="Les urgences sous tension", tags=["urgences", "hôpital"])
    for standfirst in ("Premier chapô.", "Chapô revu."):
        with article_revision(article, editor_session, standfirst):
            article.standfirst = standfirst
            article.save()
    old, new = (version.revision_id for version in article_versions(article)[:2])
    ShareLink.objects.create(
        article=article, created_by=editor_session, expires_at=ShareLink.default_expiry()
    )
    trashed = make_article(title="Un brouillon supprimé", status="draft", created_by=None)
    trash.trash_articles([trashed], editor_session)
    make_library_image()
    tag = article.tags.first()
    admin_article = f"/admin/articles/article/{article.pk}"
    page = context.new_page()
    for url in [
        "/admin/articles/trashedarticle/",
        f"/admin/articles/trashedarticle/{trashed.pk}/change/",
        f"{admin_article}/liens-apercu/",
        f"{admin_article}/revisions/",
        f"{admin_article}/revisions/comparer/?de={new}&vers={old}",
        f"{admin_article}/revisions/{old}/restaurer/",
        f"{admin_article}/apercu/",
        f"{admin_article}/delete/",
        "/admin/articles/article/calendrier/?vue=semaine",
        "/admin/taggit/tag/",
        f"/admin/taggit/tag/{tag.pk}/change/",
        "/admin/redirects/redirect/",
        "/admin/redirects/redirect/add/",
        "/admin/articles/section/add/",
        "/admin/images/image/add/",
        f"/admin/authors/author/{author.pk}/change/",
        # Not /admin/password_change/: no CSP problem there, but Chromium logs a [DOM]
        # advisory (a password form without a username field) that problems would catch.
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        images_loaded(page)

    # The tag merge action, through the list's own form.
    page.goto("/admin/taggit/tag/")
    for box in page.locator("input[name=_selected_action]").all():
        box.check()
    page.select_option("select[name=action]", "render_tag_form")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    shoot(page, "tag-merge")
    assert problems == []


def test_author_photo_picker(context, editor_session, author, make_library_image, problems):
    """The author form's photo: picked in the photothèque's search (select2), or added with
    « + » in a popup that hands the new image back."""
    make_library_image(alt_text="Portrait de la rédactrice")
    page = context.new_page()
    page.goto(f"/admin/authors/author/{author.pk}/change/")
    page.locator(".field-photo .select2-selection").click()
    page.keyboard.type("Portrait")
    page.locator(".select2-results__option", has_text="Portrait de la rédactrice").click()
    shoot(page, "author-photo-picked")

    with context.expect_page() as opened:
        page.locator("#add_id_photo").click()
    popup = opened.value
    popup.wait_for_load_state()
    popup.set_input_files("input[name=file]", files=[_jpeg_upload()])
    popup.fill("#id_alt_text", "Nouveau portrait")
    popup.fill("#id_credit", "Rédaction")
    click_closing(popup, popup.locator("input[name=_save]"))
    assert "Nouveau portrait" in page.locator(".field-photo .select2-selection").inner_text()
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    author.refresh_from_db()
    assert author.photo.alt_text == "Nouveau portrait"
    assert problems == []


def _jpeg_upload():
    import io

    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (800, 600), "teal").save(out, "JPEG")
    return {"name": "portrait.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def test_article_admin_pages_speak_french_in_javascript(context, editor_session, problems):
    """The editor's catalogue is the last loaded on these pages: it carries the admin's
    strings too, or the date shortcuts and the list's selection counter fall back to
    English (« Today | Now », « 0 of 66 selected »)."""
    page = context.new_page()
    for url in ("/admin/articles/article/", "/admin/articles/article/add/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        said = page.evaluate(
            "[django.gettext('Today'), django.gettext('Now'), "
            "django.interpolate(django.ngettext('%(sel)s of %(cnt)s selected', "
            "'%(sel)s of %(cnt)s selected', 0), {sel: 0, cnt: 66}, true), "
            "django.gettext('Insert Figure')]"
        )
        expected = ["Aujourd'hui", "Maintenant", "0 sur 66 sélectionné", "Insérer une figure"]
        assert said == expected, (url, said)
    body = page.inner_text("body")
    assert "Today" not in body and "Now" not in body
    assert not problems, problems


@pytest.mark.parametrize("width, height", [(1280, 800), (820, 1180), (390, 844)])
def test_writing_screen_fits_and_keeps_its_action_bar_in_view(
    context, editor_session, make_article, problems, width, height
):
    """A long title shows whole, nothing scrolls sideways, and the action bar (save and
    the workflow's next step) stays on screen wherever the writer is in a long text."""
    title = "Le numérique s’ancre au Comité stratégique de filière des industries de santé"
    body = "".join(f"<h2>Partie {n}</h2><p>{'Un paragraphe de texte. ' * 40}</p>" for n in range(8))
    article = make_article(title=title, status="draft", body=body)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator(".ProseMirror >> visible=true").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    field = page.locator("#id_title")
    assert field.evaluate("e => e.scrollHeight <= e.clientHeight + 2"), "title cut"
    for where in ("0", "document.body.scrollHeight / 2", "document.body.scrollHeight"):
        page.evaluate(f"window.scrollTo(0, {where})")
        bar = page.locator(".writing-desk__actions")
        box = bar.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1, (where, box)
        assert bar.locator("input[name=_save]").is_visible()
        assert bar.get_by_role("button", name="Soumettre à la relecture").is_visible()
    shoot(page, f"writing-screen-{width}")
    assert problems == []

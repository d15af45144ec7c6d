"""Issue 12 in a real browser, under the Content-Security-Policy: at 320 px wide (a small
phone, or 400 % zoom) no public page scrolls sideways, the menu opens and closes with
the keyboard, and the home page leaves no hole in its rows at 1 280 px.

Same set-up as test_csp_browser.py (headless Chromium, skipped without it); every
console message, page error and policy violation fails the test.
"""

import pytest

from articles.models import Section
from tests.security.test_csp_browser import (  # noqa: F401 - fixtures
    CHROMIUM,
    browser,
    context,
    problems,
    shoot,
)

pytestmark = [
    pytest.mark.skipif(not CHROMIUM, reason="Chromium n'est pas installé"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def site(make_article, make_library_image, sections, author):
    image = make_library_image()
    long_title = "Financement des établissements médico-sociaux : les départements inquiets"
    article = make_article(
        title=long_title, hero_image=image, featured=True, home_position=1, tags=["Hôpital"]
    )
    make_article(title="Télésurveillance", section=sections["esante"], hero_image=image)
    for i in range(3):
        top = Section.objects.create(name=f"Professions de santé {i}", slug=f"pro-{i}", position=5)
        make_article(title=f"Les infirmières en pratique avancée {i}", section=top)
    return [
        "/",
        sections["financement"].get_absolute_url(),
        article.get_absolute_url(),
        "/tags/hopital/",
        author.get_absolute_url(),
        "/recherche/",
        "/recherche/?q=financement",
    ]


def test_no_page_scrolls_sideways_at_320_px(context, site, problems):  # noqa: F811
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    for url in site:
        page.goto(url)
        assert page.evaluate(SCROLL_WIDTH) <= 320, url
        menu = page.locator("summary.site-menu__toggle")
        menu.click()
        assert page.locator("#menu-rubriques").is_visible()
        assert page.evaluate(SCROLL_WIDTH) <= 320, f"{url}, menu ouvert"
    shoot(page, "reflow-320-menu")
    # Search: one box, the filters folded, the first result on the first screen of a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/recherche/?q=financement")
    assert page.locator("input[name=q]").count() == 1
    assert not page.locator("select[name=rubrique]").is_visible()
    assert page.locator(".search-results .card").first.bounding_box()["y"] < 844
    page.get_by_text("Filtrer les résultats").click()
    assert page.locator("select[name=rubrique]").is_visible()
    assert problems == []


def test_the_menu_works_with_the_keyboard(context, site, problems):  # noqa: F811
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    panel = page.locator("#menu-rubriques")
    assert not panel.is_visible()
    assert not page.locator("nav[aria-label=Rubriques]").is_visible()  # the desktop bar
    # Tab from the skip link and the site's name to the button.
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('summary.site-menu__toggle')"):
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    page.keyboard.press("Enter")
    assert panel.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == (
        "Financement et politiques publiques"
    )
    # Escape closes it and gives the focus back to the button.
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.evaluate("document.activeElement.matches('summary.site-menu__toggle')")
    page.keyboard.press("Space")
    assert panel.is_visible()
    panel.get_by_role("link", name="E-santé").click()
    page.wait_for_url("**/e-sante/")
    assert not page.locator("#menu-rubriques").is_visible()
    # On a wide screen, the bar of sections and no menu button.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("nav[aria-label=Rubriques]").is_visible()
    assert not page.locator("summary.site-menu__toggle").is_visible()
    assert problems == []


# Each row of the home page's blocks (and of the other featured stories) spans the width.
ROWS_FILLED = """(selector) => {
  const items = [...document.querySelectorAll(selector)];
  const parent = items[0].parentElement.getBoundingClientRect();
  const rows = {};
  for (const item of items) {
    const box = item.getBoundingClientRect();
    const row = rows[Math.round(box.top)] || (rows[Math.round(box.top)] = []);
    row.push(box);
  }
  return Object.values(rows).map(
    (row) => Math.min(...row.map((b) => b.left)) - parent.left < 2
      && parent.right - Math.max(...row.map((b) => b.right)) < 2
  );
}"""


def test_the_home_page_leaves_no_hole(context, site, make_article, problems):  # noqa: F811
    page = context.new_page()
    for n in (1, 2, 4):
        make_article(title=f"Encore à la une {n}", featured=True, home_position=n + 1)
        page.goto("/")
        assert all(page.evaluate(ROWS_FILLED, ".home-block")), "rubriques"
        assert all(page.evaluate(ROWS_FILLED, ".featured__others > li")), "à la une"
    shoot(page, "home-1280")
    assert problems == []

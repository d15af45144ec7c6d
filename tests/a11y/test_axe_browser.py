"""axe-core finds no accessibility violation on the public pages, on a phone and a desktop.

Headless Chromium (Debian's ``chromium``, driven by Playwright, as in
tests/security/test_csp_browser.py) opens, at 390×844 and 1280×800, the home page, a
section, an article (hero image, body figure, resources, two authors), a subscriber
article as an anonymous reader sees it (teaser and paywall), a tag, an author with a
photo, search results and the 404, on a live server with a small realistic newsroom,
and runs every rule axe-core enables by default (WCAG A/AA and best practices, every
impact level). The report names each violation's rule, impact, help and elements.

axe-core is the one bundled by axe-playwright-python (the "browser" extra); the checks
are scripts/axe_check.py's, which runs them against any served site. Skipped when
Playwright, axe-playwright-python or Chromium is missing, except in CI
(REQUIRE_BROWSER_TESTS=1).
"""

import importlib.util
import os
from pathlib import Path
from urllib.parse import quote

import pytest

from articles.models import CallToAction, Resource
from articles.models.access import Access
from authors.models import Author
from tests.security.test_csp_browser import (  # noqa: F401 - fixtures
    CHROMIUM,
    browser,
)

if os.environ.get("REQUIRE_BROWSER_TESTS") != "1":
    pytest.importorskip("axe_playwright_python")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM, reason="Chromium n'est pas installé"),
    # The roles are groups created by migrations: serialized_rollback keeps them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

_script = Path(__file__).resolve().parents[2] / "scripts" / "axe_check.py"
_spec = importlib.util.spec_from_file_location("axe_check", _script)
axe_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(axe_check)

SEARCH = "santé"


@pytest.fixture
def newsroom(make_article, make_library_image, sections, author, settings):
    """{page name: path}: a small newsroom with what the public pages show."""
    settings.ARTICLES_PER_PAGE = 3  # lists get their pagination
    author.photo = make_library_image(alt_text="Portrait de Claire Dubois", credit="Rédaction")
    author.save()
    second = Author.objects.create(
        name="Hélène Marchand", job_title="Rédactrice en chef", bio="Suit le budget de la Sécu."
    )
    CallToAction.objects.create(
        text="Besoin d'informations complémentaires ? Contactez notre service d'études.",
        link_label="Nous écrire",
        link_url="https://www.example.fr/contact/",
    )
    hero = make_library_image(
        alt_text="Hémicycle de l'Assemblée nationale", caption="Le vote du budget de la Sécu"
    )
    figure = make_library_image(alt_text="Salle d'attente d'un cabinet médical")
    body = (
        "<p>Le projet de loi de financement de la sécurité sociale mise sur la prévention "
        'pour contenir les dépenses de santé, selon <a href="https://www.example.fr/">'
        "le dossier de presse</a> du ministère.</p>"
        "<h2>Des dépenses de santé sous contrainte</h2>"
        "<p>L'objectif national de dépenses d'assurance maladie progresse moins vite.</p>"
        f'<figure data-image="{figure.pk}"><figcaption>Une salle d\'attente à Lyon'
        "</figcaption></figure>"
        "<h2>Ce qui change pour les établissements</h2>"
        "<ul><li>Des dotations revues ;</li><li>un calendrier resserré.</li></ul>"
        "<blockquote><p>Nous devons investir dans la prévention.</p></blockquote>"
    )
    article = make_article(
        title="PLFSS : le gouvernement mise sur la prévention pour contenir les dépenses",
        standfirst="Le budget de la Sécurité sociale pour l'an prochain fait de la prévention "
        "en santé sa priorité.",
        body=body,
        hero_image=hero,
        featured=True,
        authors=[author, second],
        tags=["PLFSS", "prévention", "assurance maladie"],
    )
    Resource.objects.create(
        article=article, title="Le projet de loi", url="https://www.example.fr/plfss/"
    )
    reserved = make_article(
        title="Enquête : les dépassements d'honoraires en santé, région par région",
        standfirst="Nos chiffres exclusifs, établissement par établissement.",
        body="<p>Le début de l'enquête, visible de tous, qui pose le sujet.</p>"
        "<h2>Ce que révèlent les documents</h2><p>Le détail des montants.</p>",
        access=Access.SUBSCRIBERS,
        hero_image=make_library_image(alt_text="Façade d'un centre hospitalier"),
        tags=["PLFSS", "enquête"],
    )
    for n, section in enumerate(["politique", "financement", "esante"] * 3):
        make_article(
            title=f"Santé numérique : l'étape {n + 1} du plan de déploiement",
            standfirst=f"Les établissements de santé franchissent l'étape {n + 1}.",
            section=sections[section],
            hero_image=hero if n % 2 else None,
            authors=[author] if n % 3 else [second],
            tags=["PLFSS"] if n % 2 else ["e-santé"],
        )
    return {
        "home": "/",
        "section": sections["financement"].get_absolute_url(),
        "article": article.get_absolute_url(),
        "article-abonnes": reserved.get_absolute_url(),
        "tag": "/tags/plfss/",
        "author": author.get_absolute_url(),
        "search": f"/recherche/?q={quote(SEARCH)}",
        "404": axe_check.MISSING_PAGE,
    }


def test_the_pages_show_what_readers_see(client, newsroom):
    """The checked pages are full ones: results, figures, a paywalled teaser, pagination."""
    pages = {name: client.get(path) for name, path in newsroom.items()}
    assert {name: page.status_code for name, page in pages.items()} == {
        name: 404 if name == "404" else 200 for name in newsroom
    }
    html = {name: page.content.decode() for name, page in pages.items()}
    assert html["search"].count("Santé numérique") >= 3 and "page=2" in html["search"]
    assert html["article"].count("<figure") == 2  # the hero image and the body's figure
    # (Words without punctuation: the French typography changes apostrophes and spaces.)
    assert "Le début de" in html["article-abonnes"]  # the teaser
    assert "Le détail des montants" not in html["article-abonnes"]
    assert all("page=2" in html[name] for name in ("section", "tag", "author"))


def test_axe_reports_violations(browser):  # noqa: F811
    """The check is live: axe-core, injected under any page, finds a missing alt text."""
    context = axe_check.new_context(browser, "desktop")
    page = context.new_page()
    page.set_content('<html lang="fr"><title>T</title><main><img src="x.png"></main></html>')
    ids = [violation["id"] for violation in axe_check.run_axe(page)]
    context.close()
    assert "image-alt" in ids


@pytest.mark.parametrize("device", list(axe_check.VIEWPORTS))
def test_public_pages_have_no_axe_violation(browser, live_server, newsroom, device):  # noqa: F811
    results, broken = axe_check.check(browser, live_server.url, newsroom, devices=[device])
    assert broken == []  # stylesheets and images loaded: the contrast checks are real
    statuses = {name: status for (name, _), (status, _) in results.items() if name in newsroom}
    assert statuses == {name: 404 if name == "404" else 200 for name in newsroom}
    report = []
    for (name, _), (_, violations) in results.items():
        if violations:
            path = newsroom[name.removesuffix(" " + axe_check.DETAILS_OPEN)]
            report += [f"{name} ({device}) {path}", *axe_check.describe(violations)]
    assert not report, "violations axe :\n" + "\n".join(report)

"""Accessibility check of a served site with axe-core, in headless Chromium, mobile and desktop.

Usage:
    .venv/bin/python scripts/axe_check.py --base http://127.0.0.1:8000

Opens the home page, then finds a section (the first one-level link of the home page),
an article (the first item of the main feed, /flux/), a tag and an author (the first
/tags/ and /auteurs/ links of that article), the search results for « santé » and a
missing page (/page-qui-n-existe-pas/); --section, --article, --tag, --author and
--search give a page's path instead. Every page is checked at 390×844 (mobile) and
1280×800 (desktop) with all of axe-core's rules (every impact level); a page with
closed <details> (the small screens' menu) is checked again with them open. A table
of violations per page is printed, then each violation: rule, impact, help, the
selectors of the elements at fault and what axe says to fix. Exit 1 if any violation,
2 if a page could not be found or opened.

axe-core comes from the Python package axe-playwright-python (the "browser" extra,
which bundles axe.min.js); it is run with page.evaluate, which the site's
Content-Security-Policy does not block. Needs a Chromium on the PATH (Debian's
"chromium"). tests/a11y/test_axe_browser.py runs the same check in the test suite.
"""

import argparse
import shutil
import sys
import xml.etree.ElementTree as ET  # noqa: S405 (the checked site's own feed)
from urllib.parse import quote, urljoin, urlsplit

from axe_playwright_python.base import AXE_SCRIPT

VIEWPORTS = {
    "mobile": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 800},
}
MISSING_PAGE = "/page-qui-n-existe-pas/"
SEARCH_QUERY = "santé"
# First path segments that are not sections (README, "URL scheme").
NOT_SECTIONS = {
    "admin", "tags", "auteurs", "recherche", "flux", "apercu", "ressources", "static",
    "media", "comptes", "sitemap.xml", "robots.txt", "healthz",
}  # fmt: skip

# Every rule axe-core enables by default (WCAG 2.0/2.1/2.2 A and AA and best practices),
# violations only: passes and "incomplete" (needs review) results are not returned.
AXE_OPTIONS = {"resultTypes": ["violations"]}
RUN_AXE = "async (options) => await axe.run(document, options)"
# Opens the page's closed <details>; says how many there were.
OPEN_DETAILS = """() => {
  const closed = [...document.querySelectorAll("details:not([open])")];
  closed.forEach((details) => { details.open = true; });
  return closed.length;
}"""
DETAILS_OPEN = "(<details> ouverts)"


def new_context(browser, device, **extra):
    """A browser context at the device's viewport (a phone: mobile and touch)."""
    return browser.new_context(
        viewport=VIEWPORTS[device],
        is_mobile=device == "mobile",
        has_touch=device == "mobile",
        locale="fr-FR",
        **extra,
    )


def run_axe(page):
    """axe-core's violations on the page as it is: a list of axe result dicts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the DevTools protocol: not subject to the page's CSP, unlike a
        # <script> tag that would need the page's nonce.
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(RUN_AXE, AXE_OPTIONS)["violations"]


def describe(violations, indent="  "):
    """Lines for a report: each violation, its elements and axe's fix."""
    lines = []
    for violation in violations:
        lines.append(
            f"{indent}{violation['id']} [{violation['impact']}] {violation['help']}"
            f" ({len(violation['nodes'])} élément(s)) {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(" >>> ".join(t) if isinstance(t, list) else t for t in node["target"])
            lines.append(f"{indent}  - {target}")
            lines.append(f"{indent}    {node['html'][:200]}")
            for fix in (node.get("failureSummary") or "").splitlines():
                if fix.strip():
                    lines.append(f"{indent}      {fix.strip()}")
    return lines


def table(results):
    """A text table: page, viewport, HTTP status, number of violations, their rules."""
    rows = [("page", "écran", "HTTP", "violations", "règles (impact, éléments)")]
    for (name, device), (status, violations) in results.items():
        rules = ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in violations)
        rows.append((name, device, str(status), str(len(violations)), rules or "—"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    widths.append(0)  # the last column is not padded
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]


def _links(page):
    """Same-site link paths of the page, in document order."""
    origin = urlsplit(page.url)
    paths = []
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        url = urlsplit(href)
        if (url.scheme, url.netloc) == (origin.scheme, origin.netloc):
            paths.append(url.path)
    return paths


def discover(context, base, given):
    """{page name: path} for home, section, article, tag, author, search and 404."""
    pages = {"home": "/"}
    page = context.new_page()
    try:
        page.goto(urljoin(base, "/"))
        home_links = _links(page)
        sections = [
            path
            for path in home_links
            if path.count("/") == 2 and path.strip("/") and path.strip("/") not in NOT_SECTIONS
        ]
        if given.get("section") or sections:
            pages["section"] = given.get("section") or sections[0]
        article = given.get("article")
        if not article:
            feed = context.request.get(urljoin(base, "/flux/"))
            if feed.ok:
                items = ET.fromstring(feed.body()).findall("./channel/item/link")  # noqa: S314
                if items:
                    article = urlsplit(items[0].text.strip()).path
        if article:
            pages["article"] = article
            page.goto(urljoin(base, article))
            article_links = _links(page)
            for name, prefix in (("tag", "/tags/"), ("author", "/auteurs/")):
                found = [path for path in article_links if path.startswith(prefix)]
                if given.get(name) or found:
                    pages[name] = given.get(name) or found[0]
        for name in ("tag", "author"):
            if name not in pages and given.get(name):
                pages[name] = given[name]
    finally:
        page.close()
    pages["search"] = given.get("search") or f"/recherche/?q={quote(SEARCH_QUERY)}"
    pages["404"] = MISSING_PAGE
    return pages


def check(browser, base, pages, devices=tuple(VIEWPORTS)):
    """({(page name, device): (HTTP status, violations)}, [failed loads]).

    A page with closed <details> (a menu) is checked again with them open, under the
    name "<page> (<details> ouverts)".

    A stylesheet or an image that fails to load would make the contrast checks
    meaningless: such loads are listed (the pages themselves are not).
    """
    results, broken = {}, []

    def loaded(response):
        if response.request.resource_type != "document" and response.status >= 400:
            broken.append(f"{response.status} {response.url}")

    def failed(request):
        # A lazy image still loading when the next page is opened is aborted, not broken.
        if "ERR_ABORTED" not in (request.failure or ""):
            broken.append(f"{request.failure} {request.url}")

    for device in devices:
        context = new_context(browser, device)
        page = context.new_page()
        page.on("response", loaded)
        page.on("requestfailed", failed)
        try:
            for name, path in pages.items():
                response = page.goto(urljoin(base, path))
                status = response.status if response else None
                results[name, device] = (status, run_axe(page))
                # Closed <details> (the small screens' menu): checked open too.
                if page.evaluate(OPEN_DETAILS):
                    results[f"{name} {DETAILS_OPEN}", device] = (status, run_axe(page))
        finally:
            context.close()
    return results, sorted(set(broken))


def main(argv=None):
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="adresse du site servi")
    for name in ("section", "article", "tag", "author", "search"):
        parser.add_argument(f"--{name}", help=f"chemin de la page {name}, ex. /e-sante/")
    parser.add_argument("--viewport", choices=[*VIEWPORTS, "all"], default="all")
    args = parser.parse_args(argv)
    if urlsplit(args.base).scheme not in {"http", "https"}:
        parser.error("--base doit commencer par http:// ou https://")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("Chromium est introuvable (apt-get install chromium).")
    devices = tuple(VIEWPORTS) if args.viewport == "all" else (args.viewport,)
    given = {name: getattr(args, name) for name in ("section", "article", "tag", "author")}
    given["search"] = args.search

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = new_context(browser, "desktop")
            pages = discover(context, args.base, given)
            context.close()
            results, broken = check(browser, args.base, pages, devices)
        finally:
            browser.close()

    missing = sorted({"section", "article", "tag", "author"} - pages.keys())
    unexpected = [
        f"{name} ({device}): HTTP {status}"
        for (name, device), (status, _) in results.items()
        if status != (404 if name.startswith("404") else 200)
    ]
    for name, path in pages.items():
        print(f"{name:8} {urljoin(args.base, path)}")
    print()
    print("\n".join(table(results)))
    for (name, device), (_, violations) in results.items():
        if violations:
            print(f"\n{name} ({device}) {pages[name.removesuffix(' ' + DETAILS_OPEN)]}")
            print("\n".join(describe(violations)))
    problems = [f"page introuvable : {name}" for name in missing] + unexpected
    problems += [f"non chargé : {load}" for load in broken]
    for problem in problems:
        print(f"ÉCHEC {problem}", file=sys.stderr)
    if problems:
        return 2
    total = sum(len(violations) for _, violations in results.values())
    print(f"\n{len(results)} pages vérifiées, {total} violation(s).")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())

"""Full-page screenshots of the public site, desktop and mobile.

Usage:
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8011 /tmp/shots

The home page is opened first; a section, an article, a tag and an author page
are found by following its links (or given explicitly with --section, --article,
--tag, --author as paths such as /e-sante/). Needs Playwright for Python and a
Chromium on the PATH (Debian package "chromium").
"""

import argparse
import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import sync_playwright

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "mobile": {"width": 390, "height": 844},
}

# CSS selectors, on the home page or an article page, of a link to each page type.
FIND_ON_HOME = {
    "section": ".site-nav a",
    "article": ".card__title a",
}
FIND_ON_ARTICLE = {
    "tag": ".tags__list a",
    "author": ".article__byline a",
}


def first_href(page, selector):
    link = page.query_selector(selector)
    return link.get_attribute("href") if link else None


def discover(page, base_url, given):
    """{name: absolute URL} for home, section, article, tag and author."""
    urls = {"home": urljoin(base_url, "/")}
    page.goto(urls["home"], wait_until="load")
    for name, selector in FIND_ON_HOME.items():
        href = given.get(name) or first_href(page, selector)
        if href:
            urls[name] = urljoin(base_url, href)
    if "article" in urls:
        page.goto(urls["article"], wait_until="load")
        for name, selector in FIND_ON_ARTICLE.items():
            href = given.get(name) or first_href(page, selector)
            if href:
                urls[name] = urljoin(base_url, href)
    for name in ("tag", "author"):
        if name not in urls and given.get(name):
            urls[name] = urljoin(base_url, given[name])
    return urls


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8011")
    parser.add_argument("output_dir", type=Path)
    for name in ("section", "article", "tag", "author"):
        parser.add_argument(f"--{name}", help=f"path of the {name} page to capture")
    args = parser.parse_args(argv)

    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("chromium not found on PATH (apt-get install chromium).")
    if urlsplit(args.base_url).scheme not in {"http", "https"}:
        sys.exit("base_url must start with http:// or https://")
    args.output_dir.mkdir(parents=True, exist_ok=True)
    given = {name: getattr(args, name) for name in ("section", "article", "tag", "author")}

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport=VIEWPORTS["desktop"])
            urls = discover(page, args.base_url, given)
            page.close()
            missing = {"home", "section", "article", "tag", "author"} - urls.keys()
            if missing:
                print(f"Not found, skipped: {', '.join(sorted(missing))}", file=sys.stderr)
            for device, viewport in VIEWPORTS.items():
                context = browser.new_context(
                    viewport=viewport,
                    device_scale_factor=1,
                    is_mobile=device == "mobile",
                    has_touch=device == "mobile",
                    locale="fr-FR",
                )
                page = context.new_page()
                for name, url in urls.items():
                    response = page.goto(url, wait_until="load")
                    status = response.status if response else "?"
                    target = args.output_dir / f"{name}-{device}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"{status} {url} -> {target}")
                context.close()
        finally:
            browser.close()


if __name__ == "__main__":
    main()

"""Smoke test of a served site: the pages readers and staff open first, and their assets.

    .venv/bin/python scripts/smoke.py http://127.0.0.1:8000

Fetches /healthz, the home page, a section, an article (found through the main feed),
its tags and authors, search, the feeds, a missing page and the admin login page, then
every static file those pages reference (<link href>, <script src>, <img src>, and the
url(...) inside the stylesheets). Fails (exit 1) on any 5xx, any unexpected status or any
missing static file. Standard library only, so it runs against any server.
"""

import argparse
import re
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET  # noqa: S405 (our own feed, on loopback)
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# The server runs like production behind the TLS proxy: say the request came over HTTPS.
HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "newsroom-smoke/1"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is reported as such, not followed


OPENER = urllib.request.build_opener(NoRedirect)


class Assets(HTMLParser):
    """Collects the URLs of stylesheets, scripts, icons and images of a page, and its links."""

    def __init__(self):
        super().__init__()
        self.assets, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower()
            if rel not in {"canonical", "alternate", "next", "prev"}:
                self.assets.append(attrs["href"])
        elif tag in {"script", "img", "source"} and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


class Smoke:
    def __init__(self, base, static_prefix):
        self.base = base.rstrip("/") + "/"
        self.static_prefix = static_prefix
        self.failures = []
        self.fetched = {}

    def fetch(self, path, expect=200):
        url = urljoin(self.base, path)
        if url in self.fetched:
            return self.fetched[url]
        request = urllib.request.Request(url, headers=HEADERS)  # noqa: S310 (http only)
        try:
            with OPENER.open(request, timeout=30) as response:
                status, body = response.status, response.read()
                ctype = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, body, ctype = error.code, error.read(), error.headers.get("Content-Type", "")
        except OSError as error:
            status, body, ctype = None, b"", ""
            self.failures.append(f"{path}: pas de réponse ({error})")
        if status is not None and status != expect:
            self.failures.append(f"{path}: HTTP {status}, attendu {expect}")
        print(f"  {status} {path}")
        self.fetched[url] = (status, body, ctype)
        return status, body, ctype

    def same_site(self, url):
        return urlsplit(urljoin(self.base, url)).netloc == urlsplit(self.base).netloc

    def page(self, path, expect=200):
        """Fetch an HTML page and the static files it references; returns its links."""
        status, body, _ = self.fetch(path, expect)
        parser = Assets()
        parser.feed(body.decode("utf-8", "replace"))
        for asset in parser.assets:
            if asset.startswith("data:") or not self.same_site(asset):
                continue
            self.static(urljoin(urljoin(self.base, path), asset))
        return [urlsplit(urljoin(self.base, link)).path for link in parser.links]

    def static(self, url):
        path = urlsplit(url).path
        if not path.startswith(self.static_prefix):
            return  # media and other same-site files are not this check's concern
        status, body, ctype = self.fetch(path)
        if status == 200 and not body:
            self.failures.append(f"{path}: fichier vide")
        if status == 200 and "css" in ctype:
            for ref in CSS_URL.findall(body.decode("utf-8", "replace")):
                if not ref.startswith(("data:", "#")) and self.same_site(ref):
                    self.static(urljoin(urljoin(self.base, path), ref))


def run(base, static_prefix):
    smoke = Smoke(base, static_prefix)
    status, body, _ = smoke.fetch("/healthz")
    if status == 200 and body != b"ok":
        smoke.failures.append(f"/healthz: corps inattendu {body[:40]!r}")

    home_links = smoke.page("/")
    status, feed, _ = smoke.fetch("/flux/")
    article = None
    if status == 200:
        items = ET.fromstring(feed).findall("./channel/item/link")  # noqa: S314
        if items:
            article = urlsplit(items[0].text.strip()).path
    if not article:
        smoke.failures.append("/flux/: aucun article dans le flux principal")
    else:
        links = smoke.page(article)
        section = article.rstrip("/").rsplit("/", 1)[0] + "/"
        smoke.page(section)
        for prefix in ("/tags/", "/auteurs/"):
            found = [link for link in links if link.startswith(prefix)]
            if found:
                smoke.page(found[0])
                smoke.fetch("/flux" + found[0])
            else:
                smoke.failures.append(f"{article}: aucun lien {prefix}")
        smoke.fetch("/flux/rubriques/" + section.lstrip("/"))
    if not any(link.count("/") >= 2 and link != "/" for link in home_links):
        smoke.failures.append("/: aucun lien vers une rubrique ou un article")

    smoke.page("/recherche/?q=sant%C3%A9")
    smoke.page("/recherche/?q=")
    for path in ("/sitemap.xml", "/robots.txt"):
        smoke.fetch(path)
    smoke.page("/cette-page-n-existe-pas/", expect=404)
    smoke.page("/admin/login/")
    status, _, _ = smoke.fetch("/admin/", expect=302)
    # Reader accounts: the entrance pages, and « Mon compte » sending to the login.
    for path in ("/comptes/login/", "/comptes/signup/", "/comptes/password/reset/"):
        smoke.page(path)
    smoke.fetch("/comptes/", expect=302)

    statics = [url for url in smoke.fetched if urlsplit(url).path.startswith(static_prefix)]
    if len(statics) < 2:
        smoke.failures.append(f"seulement {len(statics)} fichiers statiques référencés")
    print(f"{len(smoke.fetched)} adresses vérifiées, dont {len(statics)} fichiers statiques.")
    return smoke.failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="adresse du site servi, ex. http://127.0.0.1:8000")
    parser.add_argument("--static-prefix", default="/static/")
    args = parser.parse_args()
    failures = run(args.base, args.static_prefix)
    for failure in failures:
        print(f"ÉCHEC {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

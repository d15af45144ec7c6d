"""The links of a body, for the pre-publication checklist.

Internal links (a path, or an address on the site's own host) must lead to an article
readers can see at the given time, or to a page of the site; external links must be
well-formed http(s) or mailto addresses. Two queries at most, however many links: the
sections, then the published articles, at every path at once.

An unknown address and an unpublished article get the same answer: the checklist must
not tell a journalist that a colleague's draft exists at some path.
"""

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.http.request import validate_host
from django.urls import Resolver404, resolve

# Beyond that many distinct addresses (a pasted directory?), the rest are not checked:
# the queries stay small whatever the body.
MAX_CHECKED_LINKS = 300
SHOWN_LENGTH = 60

_url_validator = URLValidator(schemes=["http", "https"])
_email_validator = EmailValidator()

NOT_PUBLISHED = "ne mène pas à un article publié"


@dataclass(frozen=True)
class Problem:
    href: str
    reason: str

    def __str__(self):
        href = self.href if len(self.href) <= SHOWN_LENGTH else f"{self.href[: SHOWN_LENGTH - 1]}…"
        return f"« {href or '(vide)'} » {self.reason}"


@dataclass
class LinkReport:
    internal: int = 0
    external: int = 0
    internal_problems: list = field(default_factory=list)
    external_problems: list = field(default_factory=list)
    unchecked: int = 0  # distinct addresses beyond MAX_CHECKED_LINKS


def site_hosts():
    """The hosts that are this site: SITE_URL's, and ALLOWED_HOSTS (not a bare "*")."""
    hosts = [host for host in settings.ALLOWED_HOSTS if host != "*"]
    site = urlsplit(settings.SITE_URL).hostname
    return [*hosts, site] if site else hosts


def _local_prefixes():
    # Uploaded and static files are served outside the URL configuration.
    return tuple(p for p in (settings.MEDIA_URL, settings.STATIC_URL) if p and p.startswith("/"))


def _external_problem(href, parts):
    if parts.scheme == "mailto":
        addresses = unquote(parts.path).split(",")
        if not all(_valid(_email_validator, a.strip()) for a in addresses):
            return "n'est pas une adresse e-mail valide"
        return None
    if parts.scheme in {"http", "https"}:
        return None if _valid(_url_validator, href) else "n'est pas une adresse web valide"
    return "n'est pas une adresse web : commencez-la par https://"


def _valid(validator, value):
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def _site_path(path):
    """What a path on this site is: None if fine, a problem, or ("article", path)."""
    if path.startswith(_local_prefixes()):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        try:  # APPEND_SLASH redirects "/a/b" to "/a/b/"
            match = resolve(f"{path}/")
        except Resolver404:
            return NOT_PUBLISHED
    if "admin" in match.namespaces:
        return "mène à l'administration, que les lecteurs ne peuvent pas ouvrir"
    if match.view_name == "articles:share_preview":
        return "est un lien d'aperçu, qui expire : liez l'article publié"
    if match.view_name == "articles:resolve":
        return ("article", match.kwargs["path"])
    return None  # home, tags, authors, search, feeds…


def _classify(href, hosts):
    """("skip",) | ("external", problem or None) | ("internal", path)."""
    if href.startswith("#"):
        return ("skip",)
    if not href:
        return ("external", "n'a pas d'adresse (vide ou refusée) : refaites le lien")
    try:
        parts = urlsplit(href)
        host = parts.hostname
    except ValueError:
        return ("external", "n'est pas une adresse web valide")
    if host and validate_host(host, hosts) and parts.scheme in {"", "http", "https"}:
        return ("internal", unquote(parts.path) or "/")
    if parts.scheme:
        return ("external", _external_problem(href, parts))
    if host:
        return ("external", "n'a pas de protocole : commencez-la par https://")
    if parts.path.startswith("/"):
        return ("internal", unquote(parts.path))
    return ("external", "n'est pas une adresse complète : commencez-la par https://")


def check_links(hrefs, at=None):
    """A LinkReport of ``hrefs``; internal links must lead to what readers see at ``at``."""
    from articles.models import Article, Section

    report = LinkReport()
    hosts = site_hosts()
    distinct = list(dict.fromkeys(hrefs))
    report.unchecked = max(0, len(distinct) - MAX_CHECKED_LINKS)
    candidates = {}  # article path -> the hrefs that point there
    for href in distinct[:MAX_CHECKED_LINKS]:
        kind, *rest = _classify(href, hosts)
        if kind == "external":
            report.external += 1
            if rest[0]:
                report.external_problems.append(Problem(href, rest[0]))
        elif kind == "internal":
            report.internal += 1
            found = _site_path(rest[0])
            if isinstance(found, tuple):
                candidates.setdefault(found[1], []).append(href)
            elif found:
                report.internal_problems.append(Problem(href, found))
    if not candidates:
        return report
    sections = set(Section.objects.filter(path__in=candidates).values_list("path", flat=True))
    wanted = {path.rpartition("/")[::2] for path in candidates if path not in sections}
    published = set()
    if wanted:
        rows = Article.objects.published(at).filter(
            section__path__in={section for section, _ in wanted},
            slug__in={slug for _, slug in wanted},
        )
        published = {f"{s}/{slug}" for s, slug in rows.values_list("section__path", "slug")}
    for path, sources in candidates.items():
        if path not in sections and path not in published:
            report.internal_problems += [Problem(href, NOT_PUBLISHED) for href in sources]
    return report

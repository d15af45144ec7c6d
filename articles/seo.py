"""SEO and sharing metadata of public pages.

Each public view builds a ``PageMeta`` (``home_meta``, ``section_meta``, ``article_meta``,
``tag_meta``, ``author_meta``) and passes it to the template as ``seo``; ``base.html``
turns it into ``<title>``, the meta description, the canonical link, Open Graph and
Twitter card tags and, on articles, JSON-LD (``NewsArticle`` and ``BreadcrumbList``).

No query here: everything comes from rows the view already loaded (the article's
bylines, tags and hero image are prefetched by ``for_detail()``). Image URLs are named,
never generated (images/renditions.py).

Canonical URLs are the object's ``get_absolute_url()`` made absolute for the request's
host: any query string (``?utm_source=…``, ``?page=1``) is dropped, except ``?page=N``
for N > 1. JSON-LD is serialised here, with ``<``, ``>`` and ``&`` escaped as ``\\u003c``…
so that no title can close the ``<script>`` element.
"""

import html as html_lib
import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe

from access.readers import shared_body
from articles.collation import french_sort_key
from articles.templatetags.newsroom import date_iso
from images import renditions

DESCRIPTION_MAX_LENGTH = 160
TAGLINE = "L'actualité des politiques de santé"
# Width wanted for og:image (what Facebook, LinkedIn and X recommend); the rendition
# nearest above it is used, or the widest one when the original is smaller.
SOCIAL_IMAGE_WIDTH = 1200
TITLE_SEPARATOR = " — "

FIGURE = re.compile(r"<figure\b.*?</figure>", re.DOTALL | re.IGNORECASE)
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div)>|<br\s*/?>", re.IGNORECASE)

# What json_script escapes: keeps "</script>" and "<!--" inert inside the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class SocialImage:
    url: str
    width: int
    height: int
    alt: str
    mime: str = "image/jpeg"


@dataclass
class PageMeta:
    """What a page says about itself to search engines and social networks."""

    title: str  # The page's own title, without the site name.
    description: str
    canonical: str
    # og:title and twitter:title when not the page's title (the home page: the site name).
    social_title: str = ""
    og_type: str = "website"
    image: SocialImage | None = None
    # ("article:published_time", "2025-…") pairs, for og:type article.
    og_extra: list = field(default_factory=list)
    structured_data: list = field(default_factory=list)
    site_name: str = field(default_factory=lambda: settings.SITE_NAME)

    @property
    def full_title(self):
        return f"{self.title}{TITLE_SEPARATOR}{self.site_name}" if self.title else self.site_name

    @property
    def og_title(self):
        return self.social_title or self.title or self.site_name

    @property
    def twitter_card(self):
        return "summary_large_image" if self.image else "summary"

    @property
    def json_ld(self):
        """The ``<script type="application/ld+json">`` elements, ready for the template."""
        return format_html_join(
            "\n",
            '<script type="application/ld+json">{}</script>',
            ((to_json_ld(data),) for data in self.structured_data),
        )

    @property
    def social_tags(self):
        """Open Graph and Twitter card <meta> elements."""
        return render_social_tags(self)


def to_json_ld(data):
    """JSON for inside a <script> element: emoji kept as they are, <, > and & escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped just above


# --- Building blocks ---------------------------------------------------------------------


def plain_description(text, max_length=DESCRIPTION_MAX_LENGTH):
    """Plain text on one line, cut at a word boundary to ``max_length`` characters ("…").

    ``text`` is plain text (a standfirst, a description): "<" stays a character.
    """
    text = " ".join((text or "").split())
    if len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if " " in cut[max_length // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def text_of_html(body):
    """The readable text of a sanitised body, blocks separated, figures left out."""
    body = FIGURE.sub(" ", body or "")
    body = BLOCK_END.sub(r"\g<0> ", body)
    return html_lib.unescape(strip_tags(body))


def site_description():
    return (
        f"{settings.SITE_NAME} : l'actualité des politiques de santé, du financement "
        "et de l'e-santé."
    )


def page_number(page_obj):
    return getattr(page_obj, "number", 1) or 1


def canonical_url(request, path, page=1):
    """Absolute URL of ``path`` (an object's get_absolute_url), plus ?page=N when N > 1."""
    url = request.build_absolute_uri(path)
    return f"{url}?page={page}" if page > 1 else url


def paged_title(title, page):
    return f"{title}, page {page}" if page > 1 else title


def social_image(request, image):
    """The hero image for og:image: an absolute URL of a JPEG rendition about 1200 wide."""
    if image is None or not getattr(image, "file", None):
        return None
    jpegs = [
        rendition
        for rendition in renditions.renditions_of(image, variants=("default",))["default"]
        if rendition.mime == "image/jpeg"
    ]
    if not jpegs:
        return None
    wide_enough = [r for r in jpegs if r.width >= SOCIAL_IMAGE_WIDTH]
    chosen = min(wide_enough, key=lambda r: r.width) if wide_enough else jpegs[-1]
    return SocialImage(
        url=request.build_absolute_uri(chosen.url),
        width=chosen.width,
        height=chosen.height,
        alt=image.alt,
    )


def _authors(article):
    # Prefetched with their author by for_listing(): no query.
    return [byline.author for byline in article.bylines.all()]


def _tag_names(article):
    return sorted((tag.name for tag in article.tags.all()), key=french_sort_key)


# --- Pages -------------------------------------------------------------------------------


def home_meta(request):
    return PageMeta(
        title=TAGLINE,
        description=site_description(),
        canonical=canonical_url(request, reverse("articles:home")),
        social_title=settings.SITE_NAME,
    )


def section_meta(request, section, page_obj=None):
    page = page_number(page_obj)
    description = plain_description(section.description) or plain_description(
        f"Les articles de la rubrique « {section.name} » de {settings.SITE_NAME}."
    )
    return PageMeta(
        title=paged_title(section.name, page),
        description=description,
        canonical=canonical_url(request, section.get_absolute_url(), page),
    )


def tag_meta(request, tag, page_obj=None):
    page = page_number(page_obj)
    return PageMeta(
        title=paged_title(f"Mot-clé : {tag.name}", page),
        description=plain_description(
            f"Les articles de {settings.SITE_NAME} sur le thème « {tag.name} »."
        ),
        canonical=canonical_url(request, reverse("articles:tag", kwargs={"slug": tag.slug}), page),
    )


def author_meta(request, author, page_obj=None):
    page = page_number(page_obj)
    fallback = f"Les articles de {author.name} dans {settings.SITE_NAME}."
    if author.job_title:
        fallback = f"{author.name}, {author.job_title}. {fallback}"
    return PageMeta(
        title=paged_title(author.name, page),
        description=plain_description(author.bio) or plain_description(fallback),
        canonical=canonical_url(request, author.get_absolute_url(), page),
    )


def article_meta(request, article, breadcrumb):
    """``breadcrumb``: the article's section and its ancestors, root first."""
    canonical = canonical_url(request, article.get_absolute_url())
    description = (
        plain_description(article.standfirst)
        # Never the reserved part of a subscriber article (access.readers).
        or plain_description(text_of_html(shared_body(article)))
        or site_description()
    )
    image = social_image(request, article.hero_image)
    og_extra = [("article:published_time", date_iso(article.published_at))]
    if article.was_updated:
        og_extra.append(("article:modified_time", date_iso(article.updated_at)))
    og_extra.append(("article:section", article.section.name))
    og_extra += [("article:tag", name) for name in _tag_names(article)]
    return PageMeta(
        title=article.title,
        description=description,
        canonical=canonical,
        og_type="article",
        image=image,
        og_extra=og_extra,
        structured_data=[
            news_article(request, article, canonical, description, image),
            breadcrumb_list(request, breadcrumb, article, canonical),
        ],
    )


# --- JSON-LD -----------------------------------------------------------------------------


def publisher(request):
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri(reverse("articles:home")),
    }


def news_article(request, article, canonical, description, image=None):
    """schema.org NewsArticle for an article page."""
    published = date_iso(article.published_at)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description,
        "datePublished": published,
        "dateModified": date_iso(article.updated_at) if article.was_updated else published,
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in _authors(article)
        ],
        "publisher": publisher(request),
        "articleSection": article.section.name,
        "keywords": _tag_names(article),
        "inLanguage": "fr-FR",
        "url": canonical,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
    }
    if article.for_subscribers:
        # Paywalled content as search engines require it marked (not cloaking): the
        # reserved part is the element of class "paywalled" (articles/_paywall.html).
        data["isAccessibleForFree"] = False
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": ".paywalled",
        }
    if image is not None:
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": image.url,
                "width": image.width,
                "height": image.height,
            }
        ]
    return data


def breadcrumb_list(request, sections, article, canonical):
    """Accueil > the section's ancestors, root first > the article."""
    crumbs = [("Accueil", request.build_absolute_uri(reverse("articles:home")))]
    crumbs += [(s.name, request.build_absolute_uri(s.get_absolute_url())) for s in sections]
    crumbs.append((article.title, canonical))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def og_tags(meta):
    """[(property, content), …]: Open Graph tags of ``meta``, in order (for the template)."""
    tags = [
        ("og:site_name", meta.site_name),
        ("og:locale", "fr_FR"),
        ("og:type", meta.og_type),
        ("og:title", meta.og_title),
        ("og:description", meta.description),
        ("og:url", meta.canonical),
    ]
    if meta.image:
        tags += [
            ("og:image", meta.image.url),
            ("og:image:type", meta.image.mime),
            ("og:image:width", str(meta.image.width)),
            ("og:image:height", str(meta.image.height)),
        ]
        if meta.image.alt:
            tags.append(("og:image:alt", meta.image.alt))
    return tags + list(meta.og_extra)


def render_social_tags(meta):
    """Open Graph then Twitter card <meta> elements (every value escaped)."""
    twitter = [
        ("twitter:card", meta.twitter_card),
        ("twitter:title", meta.og_title),
        ("twitter:description", meta.description),
    ]
    if meta.image:
        twitter.append(("twitter:image", meta.image.url))
        if meta.image.alt:
            twitter.append(("twitter:image:alt", meta.image.alt))
    return mark_safe(  # noqa: S308 - every value goes through format_html
        "\n  ".join(
            [
                *(format_html('<meta property="{}" content="{}">', p, c) for p, c in og_tags(meta)),
                *(format_html('<meta name="{}" content="{}">', n, c) for n, c in twitter),
            ]
        )
    )

"""Stored XSS: a hostile journalist types markup in every text field they can fill, through
the admin; every public and staff surface must show it as text, never as live markup.

The corpus (tests/security/xss_corpus.py) holds one article, image and author per payload.
Each test reads one family of surfaces and fails with the list of every finding (surface,
payload, field), not just the first one. Run with ``-s`` to print how many payloads ×
fields each surface checked (lines starting with XSS-COUNT).
"""

import feedparser
import pytest

from articles.models import Article, ShareLink
from tests.helpers import ADD_URL, form_values, logged_in_reporting_500s
from tests.security.payloads import (
    HOSTILE_URLS,
    NUL_PAYLOAD,
    fragment_findings,
    fragment_text,
    json_ld_strings,
    live_markup,
    page_texts,
    parse_html,
    parse_xml,
    shows_text,
    squeeze,
)
from tests.security.xss_corpus import (
    ARTICLE_FIELDS,
    CARD_FIELDS,
    Report,
    public_tags,
    rolled_back_corpus,
)

DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"

# Marked so that pytest-django creates the test database the module corpus is built in.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker, tmp_path_factory):
    with rolled_back_corpus(django_db_blocker, tmp_path_factory.mktemp("xss-media")) as built:
        yield built


@pytest.fixture
def client(corpus, db):
    return logged_in_reporting_500s()


@pytest.fixture
def journalist_client(corpus, db):
    return logged_in_reporting_500s(corpus.journalist)


@pytest.fixture
def editor_client(corpus, db):
    return logged_in_reporting_500s(corpus.editor)


# --- What was stored -----------------------------------------------------------------


def test_plain_text_is_stored_as_typed_and_the_slug_is_only_letters(corpus):
    print(f"XSS-REFUSED (sauts de ligne, champ d'une ligne) : {corpus.refusals}")
    for entry in corpus.entries:
        article = entry.article
        # As typed (line breaks aside: CR/LF may be normalised).
        assert squeeze(article.title) == squeeze(entry.values["title"])
        assert squeeze(article.standfirst) == squeeze(entry.values["standfirst"])
        assert article.status == "published"
        assert set(article.slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-"), article.slug
        assert squeeze(entry.image.alt_text) == squeeze(entry.values["alt_text"])
        # The body went through the allowlist: nothing executable is left in it.
        assert not fragment_findings(article.body), (entry.payload.name, article.body)
        assert "<script" not in article.body.lower()


# --- Public pages ----------------------------------------------------------------------


def test_public_article_pages_title_meta_og_and_json_ld(corpus, client):
    report = Report()
    for entry in corpus.entries:
        response = client.get(entry.article.get_absolute_url())
        report.html("page article", response, [(entry, ARTICLE_FIELDS)])
        if response.status_code != 200:
            continue
        doc = parse_html(response.content)
        title = doc.find(".//title")
        report.expect("<title>", entry, "title", shows_text([squeeze(title.text_content())],
                                                           entry.values["title"]))  # fmt: skip
        metas = {(m.get("property") or m.get("name")): m.get("content", "")
                 for m in doc.iter("meta")}  # fmt: skip
        shown_in_meta = [("description", "standfirst"), ("og:title", "title"),
                         ("og:description", "standfirst"), ("twitter:title", "title")]  # fmt: skip
        for key, name in shown_in_meta:
            if key in metas:
                shown = shows_text([squeeze(metas[key])], entry.values[name], prefix=40)
                report.expect(f"meta {key}", entry, name, shown)
        strings = [squeeze(s) for s in json_ld_strings(doc)]
        report.expect("JSON-LD", entry, "title", shows_text(strings, entry.values["title"]))
        texts = page_texts(doc)
        for tag in entry.tags:
            report.expect("page article", entry, "tags", shows_text(texts, tag))
    report.finish()


def test_home_section_tag_and_author_pages(corpus, client):
    report = Report()
    entries = corpus.entries
    for start in range(0, len(entries), 5):
        chunk = entries[start : start + 5]
        Article.objects.update(featured=False)
        Article.objects.filter(pk__in=[e.article.pk for e in chunk]).update(featured=True)
        report.html("accueil", client.get("/"), [(e, ["title", "author_name"]) for e in chunk])
    pages = [client.get(corpus.section.get_absolute_url(), {"page": n}) for n in (1, 2)]
    report.html("rubrique", pages, [(e, CARD_FIELDS) for e in entries])
    for entry in entries:
        for tag in public_tags(entry):
            response = client.get(f"/tags/{tag.slug}/")
            report.html("page mot-clé", response, [(entry, ["title"])])
        report.html("page auteur", client.get(entry.author.get_absolute_url()),
                    [(entry, ["author_name", "job_title", "title"])])  # fmt: skip
    report.finish()


def test_search_results_and_highlighted_excerpts(corpus, client):
    """With a word of the payload (highlighted excerpt), and by author alone (PostgreSQL's
    parser may not index a word it reads as part of a tag, such as ``<script>alert``)."""
    report = Report()
    for entry in corpus.entries:
        by_author = client.get("/recherche/", {"auteur": entry.author.slug})
        report.html("recherche", by_author, [(entry, ["title", "standfirst"])])
        worded = client.get("/recherche/", {"q": entry.payload.search_word,
                                            "auteur": entry.author.slug})  # fmt: skip
        report.html("recherche (extraits surlignés)", worded, [])
        if worded.status_code == 200:
            marks = [m.text_content() for m in parse_html(worded.content).iter("mark")]
            if marks:
                report.expect("recherche (extraits surlignés)", entry, "standfirst",
                              all("<" not in m and ">" not in m for m in marks))  # fmt: skip
    report.finish()


def test_share_link_preview_page(corpus, client):
    report = Report()
    for entry in corpus.entries:
        link = ShareLink.objects.filter(article=entry.article).latest("pk")
        response = client.get(f"/apercu/{link.token}/")
        report.html("aperçu partagé", response, [(entry, ["title", "standfirst", "hero_caption"])])
    report.finish()


# --- Feeds and sitemaps ----------------------------------------------------------------


def _shown(detail):
    """The text a feed reader shows for a feedparser text construct."""
    if detail is None:
        return None
    if detail.get("type") == "text/html":
        return fragment_text(detail["value"])
    return detail["value"]


def test_feeds_show_plain_text_as_text(corpus, client):
    report = Report()
    by_pk = {e.article.pk: e for e in corpus.entries}
    urls = {"flux principal": "/flux/", "flux rubrique": "/flux/rubriques/hopital-xss/"}
    for entry in corpus.entries:
        urls[f"flux auteur {entry.payload.name}"] = f"/flux/auteurs/{entry.author.slug}/"
        for tag in public_tags(entry):
            urls[f"flux mot-clé {entry.payload.name} {tag.slug}"] = f"/flux/tags/{tag.slug}/"
    for label, url in urls.items():
        surface = label.split(" ")[0] + " " + label.split(" ")[1]
        response = client.get(url)
        if response.status_code != 200:
            report.failures.append(f"{label} : HTTP {response.status_code}")
            continue
        try:
            tree = parse_xml(response.content)
        except Exception as error:  # noqa: BLE001 - any parse error is the finding
            report.failures.append(f"{label} : XML invalide ({error})")
            continue
        # The <dc:creator> text as written (feedparser would cut an e-mail address out).
        creators_of = {
            element.findtext("guid"): {squeeze(c.text or "") for c in element.iter(DC_CREATOR)}
            for element in tree.iter("item")
        }
        feed = feedparser.parse(response.content)
        for item in feed.entries:
            entry = by_pk.get(int(item.id.rsplit("-", 1)[-1]))
            if entry is None:
                continue
            for detail, name, stored in [
                (item.get("title_detail"), "title", entry.article.title),
                (item.get("summary_detail"), "standfirst", entry.article.standfirst),
            ]:
                shown = _shown(detail)
                ok = shown is not None and squeeze(shown) == squeeze(stored)
                if detail and detail.get("type") == "text/html":
                    ok = ok and not fragment_findings(detail["value"])
                report.expect(surface, entry, name, ok)
            creators = creators_of.get(item.id, set())
            report.expect(surface, entry, "author_name", squeeze(entry.author.name) in creators)
            names = {squeeze(t["term"]) for t in item.get("tags", [])}
            for tag in entry.tags:
                report.expect(surface, entry, "tags", squeeze(tag) in names)
    report.finish()


def test_sitemaps_stay_valid_xml_with_the_title_as_text(corpus, client):
    report = Report()
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "news": "http://www.google.com/schemas/sitemap-news/0.9"}  # fmt: skip
    locations = [loc.text for loc in parse_xml(index.content).iterfind(".//sm:loc", ns)]
    for location in [*locations, "http://testserver/sitemap-news.xml"]:
        response = client.get(location.replace("http://testserver", ""))
        assert response.status_code == 200, location
        tree = parse_xml(response.content)
        titles = [squeeze(t.text or "") for t in tree.iterfind(".//news:title", ns)]
        urls = {loc.text for loc in tree.iterfind(".//sm:loc", ns)}
        for entry in corpus.entries:
            if "news" in location:
                report.expect("sitemap news", entry, "title",
                              squeeze(entry.article.title) in titles)  # fmt: skip
            else:
                found = any(u.endswith(entry.article.get_absolute_url()) for u in urls)
                if found:
                    report.expect("sitemap", entry, "slug", True)
    report.finish()


# --- Admin surfaces --------------------------------------------------------------------


def test_admin_article_list_change_form_history_and_revisions(corpus, editor_client):
    report = Report()
    entries = corpus.entries
    report.html("admin liste", editor_client.get("/admin/articles/article/?all="),
                [(e, ["title", "author_name"]) for e in entries])  # fmt: skip
    for entry in entries:
        base = f"/admin/articles/article/{entry.article.pk}"
        report.html("admin formulaire", editor_client.get(f"{base}/change/"),
                    [(entry, ["title", "standfirst", "hero_caption", "resource", "comment",
                              "publish_comment", "update_note"])])  # fmt: skip
        # The timeline: Django's history leads to it; comments and notes shown as text.
        report.html("admin historique", editor_client.get(f"{base}/history/", follow=True),
                    [(entry, ["title", "comment", "publish_comment", "update_note",
                              "share_note"])])  # fmt: skip
        from articles.revisions import article_versions

        first = article_versions(entry.article).last()
        report.html(
            "admin comparaison",
            editor_client.get(f"{base}/revisions/comparer/",
                              {"de": first.revision_id, "vers": "actuelle"}),
            [(entry, ["title"])],
        )  # fmt: skip
        report.html("admin aperçu", editor_client.get(f"{base}/apercu/"),
                    [(entry, ["title", "standfirst", "hero_caption"])])  # fmt: skip
        report.html("admin liens de partage", editor_client.get(f"{base}/liens-apercu/"),
                    [(entry, ["title", "share_note"])])  # fmt: skip
    report.finish()


def test_admin_calendar_lists_titles_as_text(corpus, editor_client, journalist_client):
    report = Report()
    calendar = "/admin/articles/article/calendrier/"
    for staff_client in (editor_client, journalist_client):
        week = staff_client.get(calendar, {"semaine": ""})
        report.html("admin calendrier (semaine)", week, [(e, ["title"]) for e in corpus.entries])
        report.html("admin calendrier (mois)", staff_client.get(calendar), [])
    report.finish()


def test_admin_image_library_picker_and_authors(corpus, editor_client, journalist_client):
    report = Report()
    entries = corpus.entries
    report.html("admin photothèque", journalist_client.get("/admin/images/image/?all="),
                [(e, ["alt_text", "credit"]) for e in entries])  # fmt: skip
    picker = "/admin/images/image/choisir/"
    for params in ({}, {"CKEditorFuncNum": "-1"}):
        for page in (1, 2):
            response = journalist_client.get(picker, {**params, "page": page})
            report.html("admin sélecteur d'images", response, [])
    for entry in entries:
        report.html("admin image", journalist_client.get(
            f"/admin/images/image/{entry.image.pk}/change/"),
            [(entry, ["alt_text", "caption", "credit"])])  # fmt: skip
        report.html("admin sélecteur d'images", journalist_client.get(
            picker, {"q": entry.payload.search_word, "CKEditorFuncNum": "-1"}), [])  # fmt: skip
        report.html("admin auteur", editor_client.get(
            f"/admin/authors/author/{entry.author.pk}/change/"),
            [(entry, ["author_name", "job_title", "bio"])])  # fmt: skip
    report.html("admin auteurs", editor_client.get("/admin/authors/author/?all="),
                [(e, ["author_name", "job_title"]) for e in entries])  # fmt: skip
    report.html("admin mots-clés", editor_client.get("/admin/taggit/tag/?all="), [])
    report.finish()


def test_admin_autocomplete_answers_json_not_html(corpus, journalist_client):
    for term, model in [("alert", "article"), ("alert", "image")]:
        field = {"article": "related_articles", "image": "hero_image"}[model]
        response = journalist_client.get(
            "/admin/autocomplete/",
            {"term": term, "app_label": "articles", "model_name": "article", "field_name": field},
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["results"], model


# --- Notification e-mails ----------------------------------------------------------------


def test_notification_emails_are_plain_text_with_clean_subjects(corpus):
    """Submitting mails the editors, publishing mails the writer: every one of those mails
    leaves (a title with CR/LF must not get it dropped), as plain text."""
    report = Report()
    for message in corpus.mails:
        assert "\r" not in message.subject and "\n" not in message.subject, message.subject
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", None), "pas de partie HTML"
    bodies = [(m.to, squeeze(m.body)) for m in corpus.mails]
    for entry in corpus.entries:
        for name, recipient in [("comment", corpus.editor), ("publish_comment", corpus.journalist)]:
            comment = squeeze(entry.values[name])
            report.expect(
                "e-mails", entry, name,
                any(comment in body and to == [recipient.email] for to, body in bodies),
            )  # fmt: skip
    report.finish()


# --- Refused outright ----------------------------------------------------------------------


def test_nul_bytes_and_hostile_links_are_refused_with_nothing_saved(corpus, journalist_client):
    before = Article.objects.count()
    form = form_values(journalist_client, ADD_URL)
    base = form | {"title": "Titre correct", "standfirst": "Chapô correct.",
                   "section": str(corpus.section.pk)}  # fmt: skip
    attempts = [{name: NUL_PAYLOAD.text} for name in ("title", "standfirst", "hero_caption")]
    attempts.append({"title": "<script>alert(1)</script>" * 20})  # longer than the field
    attempts += [{"resources-0-title": "Lien", "resources-0-url": url,
                  "resources-0-position": "0"} for url in HOSTILE_URLS]  # fmt: skip
    for attempt in attempts:
        response = journalist_client.post(ADD_URL, base | attempt)
        assert response.status_code == 200, (attempt, response.status_code)
        assert b"errorlist" in response.content or b"errornote" in response.content, attempt
        assert not live_markup(response.content.decode()), attempt
    assert Article.objects.count() == before
    # A NUL byte in the query string is refused before any view runs.
    assert journalist_client.get("/recherche/", {"q": NUL_PAYLOAD.text}).status_code == 400


def test_the_checks_catch_what_they_look_for():
    """The suite's own detectors, on pages known to be broken."""
    broken = [
        '<p><img src=x onerror="alert(1)"></p>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        "<script>alert(1)</script>",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>',
        "<iframe srcdoc=x></iframe>",
        '<svg onload="alert(1)"></svg>',
        '<meta http-equiv="refresh" content="0;url=//evil.example">',
    ]
    for html in broken:
        assert live_markup(f"<html><body>{html}</body></html>"), html
    assert not live_markup("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    # Shown as text once, not twice escaped, not as markup.
    assert shows_text("<p>&lt;b&gt;x&lt;/b&gt;</p>", "<b>x</b>")
    assert not shows_text("<p>&amp;lt;b&amp;gt;x</p>", "<b>x")
    assert not shows_text("<p><b>x</b></p>", "<b>x</b>")

"""Security headers: CSP, HSTS, the HTTPS redirect, CORP and COOP (issue 8, item 8).

The policy itself is the real one (newsroom/settings.py, django-csp); the browser test
(test_csp_browser.py) proves that the admin works under it.
"""

import base64
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.test import override_settings
from django.urls import reverse
from django.views.defaults import server_error

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
NONCE_ATTR = re.compile(r'\snonce="([^"]+)"')
DATA_BLOCK = re.compile(r'\stype="application/(?:ld\+)?json"')
# Refused by the policy, so never in a template: handlers, style attributes, <style>.
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)


def policy(response):
    """{directive: [sources]} of the response's Content-Security-Policy."""
    header = response["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.fixture
def public_urls(make_article, sections):
    article = make_article(title="Hôpital : le plan d'investissement")
    return {
        "accueil": "/",
        "article": article.get_absolute_url(),
        "rubrique": sections["politique"].get_absolute_url(),
        "recherche": "/recherche/?q=hopital",
        "flux": "/flux/",
        "connexion admin": reverse("admin:login"),
    }


def test_every_page_sends_the_security_headers(client, public_urls):
    for name, url in public_urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert "Content-Security-Policy" in response, name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert response["X-Frame-Options"] == "DENY", name
        expected_corp = "cross-origin" if name == "flux" else "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == expected_corp, name


def test_public_policy_allows_no_inline_script_nor_eval(client, public_urls):
    for name, url in public_urls.items():
        directives = policy(client.get(url))
        scripts = directives["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, name
        assert "'unsafe-inline'" not in directives["style-src"], name
        assert directives["default-src"] == ["'self'"], name
        assert directives["object-src"] == ["'none'"], name
        assert directives["base-uri"] == ["'self'"], name
        assert directives["form-action"] == ["'self'"], name
        assert directives["frame-ancestors"] == ["'none'"], name


def test_public_pages_have_no_inline_script_handler_or_style(client, public_urls):
    """Whatever the policy refuses would silently break: none of it on our pages."""
    for name, url in public_urls.items():
        page = client.get(url).content.decode()
        for attributes, _body in SCRIPT.findall(page):
            # JSON-LD and JSON blocks are data, which the policy does not govern.
            assert " src=" in attributes or DATA_BLOCK.search(attributes), (name, attributes)
        assert not INLINE_HANDLER.search(page), name
        assert not STYLE_ATTRIBUTE.search(page), name
        assert not STYLE_ELEMENT.search(page), name


def test_server_error_page_is_styled_by_a_file(rf):
    page = server_error(rf.get("/")).content.decode()
    assert static("css/error.css") in page
    assert not STYLE_ELEMENT.search(page) and not STYLE_ATTRIBUTE.search(page)


def test_json_ld_still_reaches_the_article_page(client, make_article):
    page = client.get(make_article().get_absolute_url()).content.decode()
    blocks = [body for attributes, body in SCRIPT.findall(page) if DATA_BLOCK.search(attributes)]
    assert any(json.loads(block).get("@type") == "NewsArticle" for block in blocks)


# -- The admin --------------------------------------------------------------------------


@pytest.fixture
def admin_pages(admin_client, make_article):
    article = make_article()
    return {
        "ajout": reverse("admin:articles_article_add"),
        "modification": reverse("admin:articles_article_change", args=[article.pk]),
        "liste": reverse("admin:articles_article_changelist"),
        "calendrier": "/admin/articles/article/calendrier/",
        "photothèque": "/admin/images/image/choisir/",
        "liens de partage": reverse("admin:articles_article_share_links", args=[article.pk]),
        "historique": reverse("admin:articles_article_revisions", args=[article.pk]),
    }


def test_admin_policy_allows_no_inline_script_nor_eval(admin_client, admin_pages):
    for name, url in admin_pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, name
        directives = policy(response)
        scripts = directives["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, name
        assert "'unsafe-inline'" not in directives["style-src"], name
        assert directives["object-src"] == ["'none'"], name
        assert directives["frame-ancestors"] == ["'none'"], name


def test_admin_pages_have_no_inline_handler_or_style(admin_client, admin_pages):
    for name, url in admin_pages.items():
        page = admin_client.get(url).content.decode()
        assert not INLINE_HANDLER.search(page), name
        assert not STYLE_ATTRIBUTE.search(page), name
        assert not STYLE_ELEMENT.search(page), name


def test_editor_import_map_carries_this_response_nonce(admin_client, admin_pages):
    nonces = []
    for _ in range(2):
        response = admin_client.get(admin_pages["ajout"])
        header_nonces = [
            source[len("'nonce-") : -1]
            for source in policy(response)["script-src"]
            if source.startswith("'nonce-")
        ]
        assert len(header_nonces) == 1
        nonce = header_nonces[0]
        scripts = SCRIPT.findall(response.content.decode())
        inline = [attributes for attributes, body in scripts if " src=" not in attributes]
        assert any('type="importmap"' in attributes for attributes in inline)
        for attributes in inline:
            if not DATA_BLOCK.search(attributes):
                assert NONCE_ATTR.search(attributes)[1] == nonce, attributes
        # Scripts that carry a nonce carry this one, never a stale or guessed one.
        assert {NONCE_ATTR.search(a)[1] for a, _ in scripts if NONCE_ATTR.search(a)} == {nonce}
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    assert len(base64.b64decode(nonces[0])) >= 16


def test_tiptap_style_hash_matches_the_installed_editor():
    """The admin allows prose-editor's injected <style> by hash: an upgrade must update it."""
    import django_prose_editor

    editor_js = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    source = editor_js.read_text()
    found = re.search(r"`(\.ProseMirror \{\n  position: relative;\n\}.*?)`", source, re.DOTALL)
    assert found, "Tiptap's base CSS is no longer in editor.js: update TIPTAP_STYLE_HASH"
    digest = base64.b64encode(hashlib.sha256(found[1].encode()).digest()).decode()
    admin_styles = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]["style-src"]
    assert f"'sha256-{digest}'" in admin_styles


# -- HTTPS ------------------------------------------------------------------------------


def test_https_responses_carry_hsts_for_a_year_with_subdomains(client, db):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https(client, db):
    response = client.get("/recherche/?q=hopital")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/recherche/?q=hopital"


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_behind_the_tls_proxy_forwarded_https_is_trusted(client, db):
    response = client.get("/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response
    assert client.get("/", headers={"x-forwarded-proto": "http"}).status_code == 301


@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_answers_load_balancers_over_plain_http(client, db):
    response = client.get("/healthz")
    assert response.status_code in {200, 503}
    assert "Location" not in response


# -- Cross-origin -----------------------------------------------------------------------


def test_feeds_may_be_loaded_by_other_origins_but_pages_may_not(client, make_article, author):
    make_article()
    assert client.get("/flux/")["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert client.get("/")["Cross-Origin-Resource-Policy"] == "same-origin"
    # A 404 is a page like the others.
    assert client.get("/flux-inconnu/")["Cross-Origin-Resource-Policy"] == "same-origin"


# -- Production settings ----------------------------------------------------------------


def production_env(**extra):
    """The README's production variables, with a fresh 50+ character secret."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT"}}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": "postgres://newsroom:motdepasse@db:5432/newsroom",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "www.example.fr",
        "CSRF_TRUSTED_ORIGINS": "https://www.example.fr",
        "REDIS_URL": "redis://cache:6379/0",
        "BEHIND_TLS_PROXY": "1",
        **extra,
    }


def run(*command, **extra):
    return subprocess.run(  # noqa: S603 — our own interpreter and code
        [sys.executable, *command],
        cwd=ROOT, env=production_env(**extra), capture_output=True, text=True, check=False,
        timeout=120,
    )  # fmt: skip


def test_deploy_check_is_clean_at_warning_level():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


PRINT = (
    "import json, newsroom.settings as s; print(json.dumps([s.SECURE_SSL_REDIRECT, "
    "s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, "
    "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
)


def test_production_defaults_redirect_and_send_hsts():
    result = run("-c", PRINT)
    assert result.returncode == 0, result.stderr
    redirect, hsts, proxy_header, img_src = json.loads(result.stdout)
    assert redirect is True
    assert hsts == 31_536_000
    assert proxy_header == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert img_src == ["'self'", "data:"]


def test_media_origins_are_configurable():
    result = run(
        "-c",
        PRINT,
        CSP_MEDIA_ORIGINS="https://media.example.fr, https://cdn.example.net",
        MEDIA_URL="https://bucket.s3.example.com/media/",
    )
    assert result.returncode == 0, result.stderr
    img_src = json.loads(result.stdout)[3]
    assert img_src == [
        "'self'",
        "data:",
        "https://media.example.fr",
        "https://cdn.example.net",
        "https://bucket.s3.example.com",
    ]


def test_debug_runs_without_redirect_nor_hsts():
    result = run("-c", PRINT, DEBUG="1")
    assert result.returncode == 0, result.stderr
    redirect, hsts, *_ = json.loads(result.stdout)
    assert redirect is False and hsts == 0

"""Whatever HTML reaches the server, the stored body is clean."""

from articles.models import Article
from articles.sanitize import sanitize_body

HOSTILE = (
    "<h2>Intertitre</h2><p onclick='steal()'>Texte <strong>gras</strong> "
    "<a href='javascript:alert(1)'>piège</a> <a href='https://www.has-sante.fr/'>HAS</a></p>"
    "<script>alert('xss')</script><img src=x onerror=alert(1)>"
    "<iframe src='https://evil.example/'></iframe><style>body{}</style>"
    "<ul><li>un</li></ul><blockquote>cité</blockquote><h1>Gros titre</h1>"
)


def test_hostile_markup_is_removed():
    clean = sanitize_body(HOSTILE)
    for forbidden in ("<script", "alert", "onerror", "onclick", "javascript:", "<iframe",
                      "<img", "<style", "<h1"):  # fmt: skip
        assert forbidden not in clean
    kept_markup = (
        "<h2>Intertitre</h2>", "<strong>gras</strong>", 'href="https://www.has-sante.fr/"',
        "<ul><li>un</li></ul>", "<blockquote>cité</blockquote>", "Gros titre",
    )  # fmt: skip
    for kept in kept_markup:
        assert kept in clean


def test_body_is_sanitised_on_every_save(sections):
    article = Article.objects.create(
        title="Corps piégé", standfirst="x", section=sections["esante"], body=HOSTILE
    )
    article.refresh_from_db()
    assert "<script" not in article.body
    assert "javascript:" not in article.body
    assert "<h2>Intertitre</h2>" in article.body


def test_empty_editor_document_is_empty():
    assert sanitize_body("<p></p>") == ""

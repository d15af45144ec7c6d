"""Readers see French typography on the pages (titles, standfirsts, bodies, captions,
cards, search excerpts) while the stored text stays as the journalist typed it."""

import re

from articles.models import Article

NNBSP, NBSP = "\u202f", "\u00a0"


def test_article_page_shows_french_typography(client, make_article):
    article = make_article(
        title="L'hôpital : quelle santé ?",
        standfirst="Un budget de 3000 € pour l'Ondam...",
        body="<p>Selon <a href=\"https://exemple.fr/l'etude?a=1\">l'étude</a>, 10 % ?</p>",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    h1 = re.search(r'<h1 class="article__title">(.*?)</h1>', page).group(1)
    assert h1 == f"L’hôpital{NBSP}: quelle santé{NNBSP}?"
    assert f"3{NNBSP}000{NBSP}€ pour l’Ondam…" in page
    link = 'href="https://exemple.fr/l\'etude?a=1" rel="noopener noreferrer"'
    assert f"{link}>l’étude</a>, 10{NBSP}%{NNBSP}?" in page
    assert f"<title>L’hôpital{NBSP}: quelle santé{NNBSP}?" in page


def test_stored_text_is_unchanged(client, make_article):
    article = make_article(title="L'hôpital ?")
    client.get(article.get_absolute_url())
    assert Article.objects.get(pk=article.pk).title == "L'hôpital ?"


def test_a_title_cannot_inject_markup(client, make_article):
    article = make_article(title="<script>alert('l'x')</script> ?")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert f"&lt;script&gt;alert(&#x27;l’x’)&lt;/script&gt;{NNBSP}?" in page


def test_cards_show_french_typography(client, make_article, sections):
    make_article(title="L'Ondam 2026 : la hausse", section=sections["politique"])
    page = client.get(sections["politique"].get_absolute_url()).content.decode()
    assert f"L’Ondam 2026{NBSP}: la hausse</a>" in page


def test_search_excerpt_has_no_space_before_a_comma(client, make_article):
    make_article(
        title="Dispositif",
        standfirst="",
        body='<p>Le financement <a href="https://exemple.fr">pérenne</a>, est-il l\'avenir ?</p>',
    )
    page = client.get("/recherche/", {"q": "perenne"}).content.decode()
    excerpt = re.search(r'card__excerpt">(.*?)</p>', page, re.S).group(1)
    assert excerpt == f"Le financement <mark>pérenne</mark>, est-il l’avenir{NNBSP}?"


def test_captions_get_typography_not_the_alt_text(client, make_article, make_library_image):
    photo = make_library_image(caption="Le bloc : l'attente", alt_text="Couloir d'un hôpital")
    inline = make_library_image(caption="Vue : l'accueil", alt_text="L'accueil : vue")
    article = make_article(
        hero_image=photo,
        body=f'<figure><img src="/x.jpg" alt="" data-file="{inline.pk}"></figure><p>Texte.</p>',
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<span class="figure__text">Le bloc{NBSP}: l’attente</span>' in page
    assert f'<span class="figure__text">Vue{NBSP}: l’accueil</span>' in page
    assert 'alt="Couloir d&#x27;un hôpital"' in page
    assert 'alt="L&#x27;accueil : vue"' in page

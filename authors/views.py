from django.http import Http404
from django.shortcuts import render

from articles.feeds import feed_links_for
from articles.listings import author_articles, paginate
from articles.seo import author_meta
from authors.models import Author
from pagecache import declare
from pagecache import keys as cache_keys

NOT_FOUND = "Aucun auteur à cette adresse."


def author_detail(request, slug):
    author = Author.objects.select_related("photo").filter(slug=slug).first()
    if author is None:
        raise Http404(NOT_FOUND)
    # Article.objects.published() signed by this author, read from its listing entries.
    declare(cache_keys.author_list(author.pk), paginated=True)  # page cache: its list
    page_obj = paginate(request, author_articles(author))
    if not page_obj.paginator.count:
        # Embargo: an author who only signs unpublished articles (or none yet) has no
        # public page until their first article is out; the same 404 as an unknown
        # author. The count is the paginator's own: no extra query.
        raise Http404(NOT_FOUND)
    context = {
        "author": author,
        "page_obj": page_obj,
        "feeds": feed_links_for(author=author),
        "seo": author_meta(request, author, page_obj),
    }
    return render(request, "authors/author_detail.html", context)

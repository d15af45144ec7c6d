from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from articles.listings import paginate
from articles.models import Article
from newsroom.db import plans_each_query
from search import engines
from search.forms import SearchForm
from search.normalize import MAX_QUERY_LENGTH, has_words

LATEST_WHEN_EMPTY = 10
# Results carry an excerpt, taller than a list card: ten a page, as search engines do
# (and half the rendering work of a 20-card list).
RESULTS_PER_PAGE = getattr(settings, "SEARCH_RESULTS_PER_PAGE", 10)


# Live, never stored by the page cache nor a CDN: a browser must ask again each time (an
# unpublished article leaves the results at once), and no CDN applies a default lifetime.
@cache_control(private=True, no_cache=True, max_age=0)
@plans_each_query  # full-text queries: a plan for their own words (newsroom.db)
def search(request):
    """/recherche/?q=…: results, or a short guide and the latest articles without a query.

    A fixed number of queries: sections and authors (form), the tag if one is asked
    for, the query's lexemes (PostgreSQL), the articles titled exactly as the query, the
    ranked ids (at most MAX_RESULTS), then one page of articles and their bylines (plus,
    every few minutes, PostgreSQL's word statistics of entries and heads: search.postgres).
    Bad input never fails: invalid filters are shown and ignored, a query past
    MAX_QUERY_LENGTH is cut and the page says so.
    """
    form = SearchForm(request.GET)
    form.is_valid()
    params = form.params()
    context = {
        "form": form,
        "search_query": params.q,
        "params": params,
        "query_was_cut": form.query_was_cut,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if not params.q and not params.has_filters:
        context["latest"] = Article.objects.published().for_listing()[:LATEST_WHEN_EMPTY]
        return render(request, "search/results.html", context)

    now = timezone.now()
    engine = engines.get_engine()
    ids = engine.ranked_ids(params, now)
    page_obj = paginate(request, ids, per_page=RESULTS_PER_PAGE)
    page_obj.object_list = engine.page(page_obj.object_list, params, now)
    context.update(
        searched=True,
        only_common_words=bool(params.q) and not has_words(params.q),
        page_obj=page_obj,
        total=len(ids),
        capped=len(ids) >= engines.MAX_RESULTS,
    )
    return render(request, "search/results.html", context)

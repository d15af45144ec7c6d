"""Card links without a resolver walk each (articles.addresses): the same addresses as
``reverse()``, whatever the path or the script prefix."""

from unittest import mock

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.urls.resolvers import URLResolver

from articles.addresses import path_url


@pytest.mark.parametrize(
    "path",
    [
        "politique",
        "politique/sante/un-article-12",
        "é-santé/données",
        "a b/c%d?e#f",
        "x:y@z~!$&'()*+,;=",
    ],
)
def test_same_address_as_reverse(path):
    assert path_url(path) == reverse("articles:resolve", kwargs={"path": path})


def test_same_address_under_a_script_prefix():
    set_script_prefix("/journal/")
    try:
        assert path_url("politique/un-article") == "/journal/politique/un-article/"
        assert path_url("politique") == reverse("articles:resolve", kwargs={"path": "politique"})
    finally:
        clear_script_prefix()
    assert path_url("politique") == "/politique/"


def test_article_and_section_links_do_not_walk_the_resolver(make_article, sections):
    article = make_article()
    section = sections["politique"]
    article.get_absolute_url()  # the pattern, reversed once
    with mock.patch.object(
        URLResolver, "_reverse_with_prefix", side_effect=AssertionError("reverse() called")
    ):
        assert article.get_absolute_url() == f"/{section.path}/{article.slug}/"
        assert section.get_absolute_url() == f"/{section.path}/"

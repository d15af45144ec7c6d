"""Reader accounts (django-allauth through subscriptions/): fixtures."""

import re

import pytest

from tests.helpers import READER_PASSWORD as PASSWORD


@pytest.fixture
def log_in(client):
    def post(email, password=PASSWORD, **extra):
        return client.post("/comptes/login/", {"login": email, "password": password}, **extra)

    return post


def link_in(message):
    """The first link to this site in an e-mail's body."""
    found = re.search(r"https?://[^/\s]+(/comptes/\S+)", message.body)
    assert found, message.body
    return found.group(1)

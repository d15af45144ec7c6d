"""E-mails of the editorial workflow (Django's e-mail API; console backend in the demo).

Sent only once the transition is committed: a rolled-back save notifies nobody, and
the recipients (bylines included) are read from what was actually saved.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from articles.models import Status, Transition
from articles.plaintext import one_line
from articles.templatetags.newsroom import datetime_fr


def admin_url(article):
    return settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def _with_email(users, exclude=None):
    users = users.filter(is_active=True).exclude(email="")
    if exclude is not None:
        # Nobody is told about what they just did themselves.
        users = users.exclude(pk=exclude.pk)
    return users.distinct().order_by("pk")


def editors(article=None, exclude=None):
    """Active users who may publish, through a group or directly, with an e-mail address."""
    perm = Permission.objects.filter(
        content_type__app_label="articles", codename="publish_article"
    ).first()
    if perm is None:
        return get_user_model().objects.none()
    users = get_user_model().objects.filter(Q(groups__permissions=perm) | Q(user_permissions=perm))
    return _with_email(users, exclude)


def article_authors(article, exclude=None):
    """Who wrote the article: its creator and the users behind its bylines."""
    users = get_user_model().objects.filter(
        Q(pk=article.created_by_id) | Q(author_profile__bylines__article=article)
    )
    return _with_email(users, exclude)


def _name(user):
    if user is None:
        return "Quelqu'un"
    return user.get_full_name() or user.get_username()


def _when(article):
    return f"le {datetime_fr(article.published_at)} (heure de Paris)"


# to_status -> (recipients, subject prefix, sentence); {by}, {title}, {when} filled in.
EVENTS = {
    Status.REVIEW: (editors, "À relire", "{by} a soumis l'article « {title} » à la relecture."),
    Status.CHANGES_REQUESTED: (
        article_authors,
        "Corrections demandées",
        "{by} vous renvoie l'article « {title} » : des corrections sont demandées.",
    ),
    Status.SCHEDULED: (
        article_authors,
        "Programmé",
        "{by} a validé l'article « {title} » : il sera publié {when}.",
    ),
    Status.PUBLISHED: (
        article_authors,
        "Publié",
        "{by} a publié l'article « {title} ».",
    ),
    Status.UNPUBLISHED: (
        article_authors,
        "Dépublié",
        "{by} a retiré l'article « {title} » du site.",
    ),
}


def messages_for(transition):
    """The e-mails a transition sends (one per recipient: addresses stay private)."""
    event = EVENTS.get(transition.to_status)
    if event is None:
        return []
    recipients, prefix, sentence = event
    article = transition.article
    when = _when(article) if article.published_at else ""
    lines = [
        "Bonjour,",
        "",
        sentence.format(by=_name(transition.by), title=one_line(article.title), when=when),
        f"Rubrique : {article.section}",
    ]
    if transition.comment:
        lines += ["", "Commentaire :", transition.comment]
    lines += ["", "Ouvrir l'article dans l'administration :", admin_url(article)]
    lines += ["", "— La rédaction"]
    # One line: a CR/LF in a header is refused by Django (BadHeaderError), and on_commit
    # swallows the error, so the whole mail would be silently lost.
    subject = one_line(f"[{settings.SITE_NAME}] {prefix} : « {article.title} »")
    body = "\n".join(lines) + "\n"
    return [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in recipients(article, exclude=transition.by)
    ]


def send_for(transition_pk):
    transition = (
        Transition.objects.select_related("article__section", "by").filter(pk=transition_pk).first()
    )
    if transition is None:
        return 0
    messages = messages_for(transition)
    if not messages:
        return 0
    return get_connection().send_messages(messages)


def notify_on_commit(transition):
    pk = transition.pk

    def send_transition_mail():  # named: on_commit logs robust callbacks' __qualname__
        send_for(pk)

    # robust: a mail server failure is logged, it does not turn a saved transition into a 500.
    transaction.on_commit(send_transition_mail, robust=True)

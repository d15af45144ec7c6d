"""Delete for good the articles that have been in the trash longer than the retention delay.

Meant for a daily cron job: ``manage.py purge_trash`` (``--dry-run`` lists without
deleting). The delay is ``TRASH_RETENTION_DAYS`` (30 days by default).
"""

from django.core.management.base import BaseCommand
from django.utils import formats, timezone

from articles import trash


class Command(BaseCommand):
    help = (
        "Supprime définitivement les articles restés dans la corbeille plus longtemps que "
        "TRASH_RETENTION_DAYS (avec leur historique, leurs ressources et leurs fichiers)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Affiche ce qui serait supprimé, sans rien supprimer.",
        )

    def handle(self, *args, dry_run=False, **options):
        articles = list(trash.expired().select_related("section"))
        verb = "serait supprimé" if dry_run else "supprimé"
        files = 0
        for article in articles:
            when = formats.date_format(timezone.localtime(article.deleted_at), "j F Y")
            if not dry_run:
                files += len(trash.purge_article(article))
            self.stdout.write(
                f"{verb} : « {article.title} » (n° {article.pk}, corbeille depuis le {when})"
            )
        days = trash.retention_days()
        if dry_run:
            summary = (
                f"{len(articles)} article(s) à supprimer (corbeille depuis plus de {days} jours)."
            )
        else:
            summary = (
                f"{len(articles)} article(s) supprimé(s) définitivement, "
                f"{files} fichier(s) effacé(s) (corbeille depuis plus de {days} jours)."
            )
        self.stdout.write(self.style.SUCCESS(summary))

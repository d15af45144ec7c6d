from django.core.management.base import BaseCommand

from images.models import Image
from images.renditions import generate_renditions, prune_renditions


class Command(BaseCommand):
    help = (
        "Génère les déclinaisons manquantes des images de la photothèque "
        "(après un changement de tailles, une migration de stockage ou un échec)."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Limiter à ces images (id).")
        parser.add_argument("--force", action="store_true", help="Tout regénérer.")
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Supprimer aussi les déclinaisons qui ne servent plus (anciens réglages).",
        )

    def handle(self, *ids, force=False, prune=False, **options):
        images = Image.objects.order_by("pk")
        if options["ids"]:
            images = images.filter(pk__in=options["ids"])
        written = failed = pruned = 0
        for image in images.iterator(chunk_size=200):
            try:
                written += generate_renditions(image, force=force)
                if prune:
                    pruned += prune_renditions(image)
            except Exception as exc:  # one broken file must not stop the others
                failed += 1
                self.stderr.write(f"Image {image.pk} : {exc}")
        self.stdout.write(
            f"{written} déclinaison(s) écrite(s), {pruned} supprimée(s), "
            f"{failed} image(s) en échec."
        )

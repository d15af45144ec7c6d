"""Authors get a library image as their photo (filled from the uploaded one by 0003)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0001_initial"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="library_photo",
            field=models.ForeignKey(
                blank=True,
                help_text="Choisie dans la photothèque ; « + » importe une nouvelle image "
                "(ses métadonnées, dont la position GPS, sont retirées).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="author_photos",
                to="images.image",
                verbose_name="photo",
            ),
        ),
    ]

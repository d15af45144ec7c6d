"""Listing entries (articles.models.listing_entries), filled from the existing articles.

The backfill runs the model module's own rebuild: plain SQL over the article, section,
taggit and byline tables, the same statements every later write path runs.
"""

import django.db.models.deletion
from django.db import migrations, models


def backfill(apps, schema_editor):
    from articles.models.listing_entries import rebuild_all_listing_entries

    rebuild_all_listing_entries(using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_journalists_trash_own_drafts"),
        ("authors", "0004_author_photo_from_the_library"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListingEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("published_at", models.DateTimeField(verbose_name="publié le")),
                ("unpublish_at", models.DateTimeField(null=True, verbose_name="dépublier le")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="authors.author",
                    ),
                ),
                (
                    "section",
                    models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="articles.section",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="taggit.tag",
                    ),
                ),
            ],
            options={
                "verbose_name": "entrée de liste",
                "verbose_name_plural": "entrées de liste",
                "default_permissions": (),
                "indexes": [
                    models.Index(
                        models.F("section"),
                        models.OrderBy(models.F("published_at"), descending=True),
                        models.OrderBy(models.F("article"), descending=True),
                        models.F("unpublish_at"),
                        condition=models.Q(("section__isnull", False)),
                        name="listing_section_idx",
                    ),
                    models.Index(
                        models.F("tag"),
                        models.OrderBy(models.F("published_at"), descending=True),
                        models.OrderBy(models.F("article"), descending=True),
                        models.F("unpublish_at"),
                        condition=models.Q(("tag__isnull", False)),
                        name="listing_tag_idx",
                    ),
                    models.Index(
                        models.F("author"),
                        models.OrderBy(models.F("published_at"), descending=True),
                        models.OrderBy(models.F("article"), descending=True),
                        models.F("unpublish_at"),
                        condition=models.Q(("author__isnull", False)),
                        name="listing_author_idx",
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("author__isnull", True),
                                ("section__isnull", False),
                                ("tag__isnull", True),
                            ),
                            models.Q(
                                ("author__isnull", True),
                                ("section__isnull", True),
                                ("tag__isnull", False),
                            ),
                            models.Q(
                                ("author__isnull", False),
                                ("section__isnull", True),
                                ("tag__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="listing_one_list",
                    )
                ],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]

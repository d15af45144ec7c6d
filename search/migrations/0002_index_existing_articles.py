from django.db import migrations


def index_existing_articles(apps, schema_editor):
    """Articles that exist before search was installed get their entries.

    Uses the current indexing code, which writes only columns created by 0001. A
    later migration that makes rebuild() write a new column must turn this into a
    no-op and re-index itself. On a new, empty database this does nothing.
    """
    from search.indexing import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(index_existing_articles, migrations.RunPython.noop),
    ]

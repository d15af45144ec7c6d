"""« Journaliste » may delete articles: with the trash, deleting only moves an article there.

Hand-written data migration. Which articles a journalist may delete is the staff access
policy's (access.staff.can_delete_article: their own drafts); restoring is the editors'.
"""

from django.db import migrations

from newsroom import roles

GRANTS = {roles.JOURNALIST: {"articles": ["delete_article"]}}


def grant(apps, schema_editor):
    roles.grant(apps, schema_editor, GRANTS)


def revoke(apps, schema_editor):
    roles.revoke(apps, schema_editor, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_trash_names")]

    operations = [migrations.RunPython(grant, revoke)]

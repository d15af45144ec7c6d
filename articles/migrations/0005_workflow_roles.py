"""The roles of 0002_roles, given the permissions of the editorial workflow's models.

Hand-written data migration. « Journaliste » may view the editorial history;
« Éditeur » gets every articles permission again (the new models: transitions,
updates and corrections, share links, revision info) and may view django-reversion's
revisions. Permissions are created here first: on a fresh database post_migrate would
only create them after every migration has run.
"""

from django.db import migrations

from newsroom import roles

NEW_MODELS = ["transition", "articleupdate", "sharelink", "articlerevisioninfo"]
GRANTS = {
    roles.JOURNALIST: {"articles": ["view_transition"]},
    roles.EDITOR: {
        "articles": [f"{action}_{model}" for model in NEW_MODELS
                     for action in ("add", "change", "delete", "view")],
        "reversion": ["view_revision", "view_version"],
    },
}  # fmt: skip


def grant(apps, schema_editor):
    roles.grant(apps, schema_editor, GRANTS)
    # Everything on articles.*, whatever model was added since 0002_roles.
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.using(using).get(name=roles.EDITOR)
    editor.permissions.add(
        *Permission.objects.using(using).filter(content_type__app_label="articles")
    )


def revoke(apps, schema_editor):
    roles.revoke(apps, schema_editor, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_workflow"),
        ("articles", "0002_roles"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
    ]

"""The roles of 0002_roles, given the permissions of the editorial workflow's models.

Hand-written data migration. « Journaliste » may view the editorial history;
« Éditeur » gets every articles permission again (the new models: transitions,
updates and corrections, share links, revision info) and may view django-reversion's
revisions. Permissions are created here first: on a fresh database post_migrate would
only create them after every migration has run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = "Journaliste"
EDITOR = "Éditeur"

JOURNALIST_CODENAMES = {"articles": ["view_transition"]}
NEW_MODELS = ["transition", "articleupdate", "sharelink", "articlerevisioninfo"]
EDITOR_CODENAMES = {
    "articles": [f"{action}_{model}" for model in NEW_MODELS
                 for action in ("add", "change", "delete", "view")],
    "reversion": ["view_revision", "view_version"],
}  # fmt: skip


def _ensure_permissions(apps, using):
    for label in ("articles", "reversion"):
        app_config = apps.get_app_config(label)
        # Historical app configs have no models module, and create_permissions()
        # skips apps without one.
        app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = None


def _permissions(apps, using, codenames_by_app):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codenames in codenames_by_app.items():
        perms = list(
            Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
        missing = set(codenames) - {p.codename for p in perms}
        if missing:
            raise RuntimeError(f"Permissions introuvables pour {app_label} : {sorted(missing)}")
        found += perms
    return found


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    _ensure_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    journalist, _created = Group.objects.using(using).get_or_create(name=JOURNALIST)
    journalist.permissions.add(*_permissions(apps, using, JOURNALIST_CODENAMES))
    editor, _created = Group.objects.using(using).get_or_create(name=EDITOR)
    # Everything on articles.*, whatever model was added since 0002_roles.
    editor.permissions.add(
        *Permission.objects.using(using).filter(content_type__app_label="articles"),
        *_permissions(apps, using, EDITOR_CODENAMES),
    )


def revoke(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames_by_app in ((JOURNALIST, JOURNALIST_CODENAMES), (EDITOR, EDITOR_CODENAMES)):
        group = Group.objects.using(using).filter(name=name).first()
        if group is None:
            continue
        for app_label, codenames in codenames_by_app.items():
            group.permissions.remove(
                *Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


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

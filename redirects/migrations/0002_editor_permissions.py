"""The « Éditeur » group (created by articles.0002_roles) manages redirects.

Hand-written data migration. Permissions are created here first: on a fresh database
post_migrate would only create them after every migration has run.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Éditeur"
CODENAMES = ["add_redirect", "change_redirect", "delete_redirect", "view_redirect"]


def _ensure_permissions(apps, using):
    app_config = apps.get_app_config("redirects")
    # Historical app configs have no models module, and create_permissions() skips
    # apps without one.
    app_config.models_module = True
    try:
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    finally:
        app_config.models_module = None


def _permissions(apps, using):
    Permission = apps.get_model("auth", "Permission")
    found = list(
        Permission.objects.using(using).filter(
            content_type__app_label="redirects", codename__in=CODENAMES
        )
    )
    missing = set(CODENAMES) - {p.codename for p in found}
    if missing:
        raise RuntimeError(f"Permissions introuvables pour redirects : {sorted(missing)}")
    return found


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    _ensure_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.using(using).get_or_create(name=EDITOR)
    group.permissions.add(*_permissions(apps, using))


def revoke(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.using(using).filter(name=EDITOR).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.using(using).filter(
                content_type__app_label="redirects", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("redirects", "0001_initial"),
        # The « Éditeur » group, and the articles the redirects follow.
        ("articles", "0004_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
    ]

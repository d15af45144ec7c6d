"""Helpers for data migrations that give the newsroom's roles (auth groups) permissions.

Migrations call these with their historical ``apps``. Permissions are created first:
on a fresh database post_migrate would only create them after every migration.
"""

from django.contrib.auth.management import create_permissions

JOURNALIST = "Journaliste"
EDITOR = "Éditeur"


def ensure_permissions(apps, using, app_labels):
    for label in app_labels:
        app_config = apps.get_app_config(label)
        # Historical app configs have no models module; create_permissions() skips those.
        app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = None


def permissions(apps, using, codenames_by_app):
    """The Permission rows named, failing loudly if one is missing."""
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codenames in codenames_by_app.items():
        rows = list(
            Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
        missing = set(codenames) - {p.codename for p in rows}
        if missing:
            raise RuntimeError(f"Permissions introuvables pour {app_label} : {sorted(missing)}")
        found += rows
    return found


def grant(apps, schema_editor, grants):
    """``grants``: {group name: {app label: [codenames]}}."""
    using = schema_editor.connection.alias
    ensure_permissions(apps, using, {app for by_app in grants.values() for app in by_app})
    Group = apps.get_model("auth", "Group")
    for name, by_app in grants.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*permissions(apps, using, by_app))


def revoke(apps, schema_editor, grants):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    for name, by_app in grants.items():
        group = Group.objects.using(using).filter(name=name).first()
        if group is not None:
            group.permissions.remove(*permissions(apps, using, by_app))

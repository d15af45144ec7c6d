"""The newsroom's two roles, as auth groups: « Journaliste » writes, « Éditeur » publishes.

Hand-written data migration. On a fresh database the permissions are only created by
the post_migrate signal, i.e. after every migration has run; they are created here
first (create_permissions is idempotent, post_migrate will find them already there).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_APPS = ("articles", "authors", "taggit")

JOURNALIST = "Journaliste"
EDITOR = "Éditeur"

JOURNALIST_PERMISSIONS = {
    "articles": [
        "add_article", "change_article", "view_article",
        "view_section",
        "add_resource", "change_resource", "delete_resource", "view_resource",
        "add_articleauthor", "change_articleauthor", "delete_articleauthor",
        "view_articleauthor",
    ],
    "authors": ["view_author"],
    "taggit": ["add_tag", "view_tag"],
}  # fmt: skip


def _ensure_permissions(apps, using):
    for label in ROLE_APPS:
        app_config = apps.get_app_config(label)
        # Historical app configs have no models module, and create_permissions()
        # skips apps without one.
        app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = None


def create_roles(apps, schema_editor):
    using = schema_editor.connection.alias
    _ensure_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.using(using)

    journalist_perms = []
    for app_label, codenames in JOURNALIST_PERMISSIONS.items():
        found = list(
            permissions.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise RuntimeError(f"Permissions introuvables pour {app_label} : {sorted(missing)}")
        journalist_perms += found

    editor_perms = list(permissions.filter(content_type__app_label__in=ROLE_APPS))
    if not any(p.codename == "publish_article" for p in editor_perms):
        raise RuntimeError("La permission articles.publish_article est introuvable.")

    for name, perms in ((JOURNALIST, journalist_perms), (EDITOR, editor_perms)):
        group, _created = Group.objects.using(using).get_or_create(name=name)
        # add(), not set(): permissions granted by hand to an existing group are kept.
        group.permissions.add(*perms)


def delete_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=[JOURNALIST, EDITOR]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("authors", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, delete_roles),
    ]

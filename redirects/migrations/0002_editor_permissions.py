"""The « Éditeur » group (created by articles.0002_roles) manages redirects.

Hand-written data migration. Permissions are created here first: on a fresh database
post_migrate would only create them after every migration has run.
"""

from functools import partial

from django.db import migrations

from newsroom import roles

GRANTS = {
    roles.EDITOR: {
        "redirects": ["add_redirect", "change_redirect", "delete_redirect", "view_redirect"]
    }
}


class Migration(migrations.Migration):
    dependencies = [
        ("redirects", "0001_initial"),
        # The « Éditeur » group, and the articles the redirects follow.
        ("articles", "0004_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            partial(roles.grant, grants=GRANTS), partial(roles.revoke, grants=GRANTS)
        ),
    ]

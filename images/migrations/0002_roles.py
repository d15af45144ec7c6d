"""Journalists pick and upload library images; editors also delete them."""

from functools import partial

from django.db import migrations

from newsroom import roles

IMAGE = ["add_image", "change_image", "view_image"]
GRANTS = {
    roles.JOURNALIST: {"images": IMAGE},
    roles.EDITOR: {"images": [*IMAGE, "delete_image"]},
}


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
        ("articles", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            partial(roles.grant, grants=GRANTS), partial(roles.revoke, grants=GRANTS)
        ),
    ]

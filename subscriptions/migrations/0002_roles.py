"""Editors manage subscriptions and organisations; journalists have no access to them."""

from functools import partial

from django.db import migrations

from newsroom import roles

MODELS = ["subscription", "organisation", "domain", "network", "membership"]
GRANTS = {
    roles.EDITOR: {
        "subscriptions": [f"{action}_{model}" for model in MODELS
                          for action in ("add", "change", "delete", "view")],
    },
}  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_initial"),
        ("articles", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            partial(roles.grant, grants=GRANTS), partial(roles.revoke, grants=GRANTS)
        ),
    ]

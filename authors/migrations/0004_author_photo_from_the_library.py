"""The uploaded-photo column goes; the library photo takes its name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0003_move_photos_to_the_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="author", name="photo"),
        migrations.RenameField(model_name="author", old_name="library_photo", new_name="photo"),
    ]

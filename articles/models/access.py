"""Who may read an article in full: its access level, chosen by editors.

The level says what the article *is* (free or for subscribers); who may read it is
decided by the readers' access policy (access.readers), the only code that compares a
reader with a level.
"""

from django.db import models


class Access(models.TextChoices):
    FREE = "libre", "Libre (tout le monde)"
    SUBSCRIBERS = "abonnes", "Abonnés"

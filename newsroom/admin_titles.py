"""The admin's page titles in natural French, for every model, in one place.

Django builds them from the model's name: « Ajout de article », « Sélectionnez l'objet
article à changer ». Here each model says « Nouvel article » and « Choisir un article à
modifier ». NewsroomAdminSite.register mixes FrenchTitlesMixin into every model admin;
a model missing from TITLES keeps Django's wording.
"""

from django.contrib.admin.utils import unquote

# label: (add page, list page for someone who may change, "the object" for the change
# page: « Modifier l'article », « Consulter l'article » for someone who may only view)
TITLES = {
    "articles.article": ("Nouvel article", "Choisir un article à modifier", "l'article"),
    "articles.section": ("Nouvelle rubrique", "Choisir une rubrique à modifier", "la rubrique"),
    "articles.calltoaction": ("Nouvel encadré", "Choisir un encadré à modifier", "l'encadré"),
    "authors.author": ("Nouvel auteur", "Choisir un auteur à modifier", "l'auteur"),
    "images.image": ("Nouvelle image", "Choisir une image à modifier", "l'image"),
    "redirects.redirect": (
        "Nouvelle redirection",
        "Choisir une redirection à modifier",
        "la redirection",
    ),
    "taggit.tag": ("Nouveau mot-clé", "Choisir un mot-clé à modifier", "le mot-clé"),
    "subscriptions.subscription": (
        "Nouvel abonnement individuel",
        "Choisir un abonnement à modifier",
        "l'abonnement",
    ),
    "subscriptions.organisation": (
        "Nouvelle organisation abonnée",
        "Choisir une organisation à modifier",
        "l'organisation",
    ),
    "auth.user": ("Nouvel utilisateur", "Choisir un utilisateur à modifier", "l'utilisateur"),
    "auth.group": ("Nouveau groupe", "Choisir un groupe à modifier", "le groupe"),
}


class FrenchTitlesMixin:
    def _titles(self):
        return TITLES.get(self.model._meta.label_lower, (None, None, None))

    def add_view(self, request, form_url="", extra_context=None):
        add_title, _, _ = self._titles()
        if add_title:
            extra_context = {"title": add_title, **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        _, list_title, _ = self._titles()
        if list_title and self.has_change_permission(request):
            extra_context = {"title": list_title, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        _, _, the_object = self._titles()
        if the_object:
            obj = self.get_object(request, unquote(object_id))
            verb = "Modifier" if obj and self.has_change_permission(request, obj) else "Consulter"
            extra_context = {"title": f"{verb} {the_object}", **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

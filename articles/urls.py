from django.urls import path

from articles import downloads, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    # "apercu" is a reserved top-level slug (sections.RESERVED_SLUGS).
    path("apercu/<str:token>/", views.share_preview, name="share_preview"),
    # "ressources" is reserved too: documents attached to articles, as downloads.
    path("ressources/<int:pk>/", downloads.resource_download, name="resource_download"),
    # Last: sections (/politique/sante/) and articles (/politique/sante/<slug>/).
    path("<path:path>/", views.resolve, name="resolve"),
]

from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    # Last: sections (/politique/sante/) and articles (/politique/sante/<slug>/).
    path("<path:path>/", views.resolve, name="resolve"),
]

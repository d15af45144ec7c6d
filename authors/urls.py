from django.urls import path

from authors import views

app_name = "authors"

urlpatterns = [
    path("auteurs/<slug:slug>/", views.author_detail, name="detail"),
]

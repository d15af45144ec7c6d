from django.urls import include, path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.account, name="account"),
    path("abonnement/", views.subscribe, name="subscribe"),
]

# allauth's own pages (login, signup, e-mail confirmation, password reset, logout) keep
# their URL names (account_login…), outside this namespace.
allauth_patterns = [path("", include("allauth.account.urls"))]

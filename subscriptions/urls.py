from django.urls import include, path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.account, name="account"),
    path("abonnement/", views.subscribe, name="subscribe"),
    path("organisation/", views.organisation_access, name="organisation_access"),
    path("cadeaux/", views.give, name="give"),
    path("cadeaux/<int:pk>/revoquer/", views.revoke, name="revoke"),
    path("cadeau/<str:token>/", views.gift, name="gift"),
]

# allauth's own pages (login, signup, e-mail confirmation, password reset, logout) keep
# their URL names (account_login…), outside this namespace.
allauth_patterns = [path("", include("allauth.account.urls"))]

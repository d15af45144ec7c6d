"""Password reset by e-mail for staff: the admin login's « Mot de passe oublié ? » link.

Django's views and the admin's translated pages; the link only ever goes to an active
staff account with a usable password, and the page after the request is the same for
any address, known or not (no account enumeration). The new password goes through
AUTH_PASSWORD_VALIDATORS.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from newsroom.login_protection import StaffPasswordResetForm

urlpatterns = [
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=StaffPasswordResetForm,
            email_template_name="admin/password_reset/email.txt",
            subject_template_name="admin/password_reset/subject.txt",
            extra_email_context={"site_name": settings.SITE_NAME},
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="admin_password_reset",
    ),
    path(
        "password_reset/envoye/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password_reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password_reset/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

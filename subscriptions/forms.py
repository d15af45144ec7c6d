from allauth.account.adapter import get_adapter
from allauth.account.forms import LoginForm, ResetPasswordForm
from django.contrib.auth.signals import user_login_failed


class ReaderLoginForm(LoginForm):
    """The readers' login. Staff accounts sign in through the admin, where their second
    factor and the per-account lockout apply (newsroom.login_protection): here a staff
    account gets the same answer as a wrong password, counted as a failure, so that this
    form tells nobody whether a staff password is right."""

    def clean(self):
        cleaned = super().clean()
        user = self.user
        if user is not None and user.is_staff:
            self.user = None
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise get_adapter(self.request).validation_error("email_password_mismatch")
        return cleaned


class ReaderResetPasswordForm(ResetPasswordForm):
    """The readers' « Mot de passe oublié ? »: never for staff accounts, whose reset goes
    through the admin's (newsroom/password_reset.py); the page answers the same."""

    def clean_email(self):
        email = super().clean_email()
        self.users = [user for user in self.users if not user.is_staff]
        return email

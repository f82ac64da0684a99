from allauth.account.adapter import DefaultAccountAdapter

from .roles import Role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Whatever a crafted sign-up request carries, a new person is a developer-client.
        user.role = Role.DEVELOPER_CLIENT
        user.is_superuser = False
        return super().save_user(request, user, form, commit=commit)


def display_name_of(user):
    """How allauth's messages name a person: by display name, never by e-mail address."""
    return user.display_name

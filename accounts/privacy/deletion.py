"""The "Delete my account" page: the person reads what will happen, gives their password again,
chooses whether their words go too, and the account is deleted at once
(accounts.privacy.erasure)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import limits

from .erasure import LastAdministrator, delete_account, ensure_deletable


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    remove_words = forms.BooleanField(
        label=gettext_lazy("Remove my words too"),
        required=False,
        help_text=gettext_lazy(
            "Your ideas, comments, room messages and comments on responses are replaced by "
            "“removed at the author's request”. Without this they stay, signed "
            "“former member”."
        ),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.person.check_password(password):
            raise forms.ValidationError(
                _("The password is not correct. Your account was not deleted."), code="password"
            )
        return password


@login_required
def delete_account_view(request):
    person = request.user
    form = DeleteAccountForm(request.POST or None, person=person)
    status = 200
    if request.method == "POST":
        try:
            # The password is asked here without allauth's log-in limits: count the tries.
            limits.count("account_deletion", f"user:{person.pk}")
        except limits.RateLimited as limited:
            form.add_error(None, limited.message)
            status = limited.status
        else:
            if form.is_valid():
                remove_words = form.cleaned_data["remove_words"]
                try:
                    ensure_deletable(person)
                except LastAdministrator:
                    form.add_error(
                        None,
                        _(
                            "You are the only administrator: make someone else an "
                            "administrator before deleting your account."
                        ),
                    )
                    return render(
                        request, "accounts/delete_account.html", {"form": form}, status=409
                    )
                # Logged out first: that also closes the person's open pages' sockets.
                logout(request)
                delete_account(person, remove_words=remove_words)
                messages.success(request, _("Your account was deleted."))
                return redirect("/")
            status = 400
    return render(request, "accounts/delete_account.html", {"form": form}, status=status)

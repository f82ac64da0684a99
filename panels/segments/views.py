from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import SelfDescriptionForm
from .models import SelfDescription


@login_required
def about_me(request):
    """A person says (or stops saying) which client group, service area and municipality they
    belong to."""
    description = SelfDescription.objects.filter(person=request.user).first()
    form = SelfDescriptionForm(
        request.POST or None, instance=description or SelfDescription(person=request.user)
    )
    if request.method == "POST" and form.is_valid():
        if form.says_something():
            form.save()
        elif description:
            description.delete()
        messages.success(request, _("Saved. Only you see this about you."))
        return redirect("segments:about_me")
    return render(request, "segments/about_me.html", {"form": form})

"""Receiving accessibility feedback and answering it."""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.emails import absolute, one_line


def administrators():
    """The platform's administrators (``User.is_administrator``) who can be reached by e-mail."""
    people = get_user_model().objects.filter(is_superuser=True, is_active=True)
    return people.exclude(email="").order_by("pk")


@transaction.atomic
def receive(feedback):
    """Save the feedback and tell every administrator, each in their own language."""
    feedback.save()
    inbox = absolute(reverse("accessibility_feedback:edit", args=[feedback.pk]))
    for person in administrators():
        with translation.override(person.language):
            subject = _("Accessibility feedback: answer by %(date)s") % {
                "date": feedback.due_on.strftime("%d.%m.%Y")
            }
            body = "\n\n".join(
                [
                    _("Someone reported an accessibility problem on Kohtaamo."),
                    feedback.description,
                    _("Page: %(page)s") % {"page": feedback.page_url or "–"},
                    _("Answer within 14 days, by %(date)s, in the administration: %(link)s")
                    % {"date": feedback.due_on.strftime("%d.%m.%Y"), "link": inbox},
                ]
            )
        transaction.on_commit(
            lambda s=subject, b=body, to=person.email: send_mail(one_line(s), b, None, [to])
        )
    return feedback


@transaction.atomic
def answer(feedback, reply, by):
    """Record the answer, and send it to the person who asked if they left an address."""
    feedback.reply = reply.strip()
    feedback.answered_at = timezone.now()
    feedback.answered_by = by
    feedback.save()
    if feedback.email:
        with translation.override(feedback.language):
            subject = _("Answer to your accessibility feedback")
            body = "\n\n".join(
                [
                    feedback.reply,
                    _("You wrote:"),
                    feedback.description,
                    _("Kohtaamo's administrators"),
                ]
            )
        transaction.on_commit(lambda: send_mail(one_line(subject), body, None, [feedback.email]))
    return feedback

"""A person's follows in their data export: what they follow, since when, and a link to it.

The names of the things are left out: an idea's title is someone else's words, and the
export holds only the person's own. Something the person may no longer see has no link.
"""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts.privacy.export import Field, Section, personal_data_requested

from .registry import registered
from .services import follows_of


def follows(person):
    rows = [
        {
            "kind": item.key,
            "url": item.url,
            "followed_at": item.follow.created_at,
        }
        for group in follows_of(person)
        for item in group.items
    ]
    return Section(
        key="follows",
        title=_("What you follow"),
        description=_("The idea rounds, ideas, panels and pages you follow, to be told of them."),
        fields=[
            Field(
                "kind",
                _("kind"),
                _("What kind of thing you follow."),
                [(entry.key, entry.kind_label) for entry in registered()],
            ),
            Field(
                "url",
                _("link"),
                _("Its page; empty if it is gone or you may no longer see it."),
            ),
            Field("followed_at", _("followed since"), _("When you started to follow it.")),
        ],
        rows=rows,
    )


@receiver(personal_data_requested, dispatch_uid="accounts.follows.personal_data")
def follow_sections(sender, person, **kwargs):
    return follows(person)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Idea rounds")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.notifications import register_kind

        # What ideas add to a person's data export.
        # What deleting an account does to ideas and comments.
        from .privacy import (
            erasure,  # noqa: F401
            personal_data,  # noqa: F401
        )

        # Connecting receivers: the live thread's broadcasts.
        from .thread import live  # noqa: F401

        register_kind("ideas.reply", _("Someone replies to my comment"))
        self.register_follows()

    def register_follows(self):
        """Rounds and ideas can be followed (accounts.follows); who may follow one is who may
        see it, by the same rules and QuerySets as their pages."""
        import rules

        from accounts.follows.registry import register_followable
        from accounts.notifications import register_kind

        from .models import Idea, IdeaRound
        from .services import FOLLOWED_IDEA_COMMENTS, FOLLOWED_ROUND

        register_followable(
            IdeaRound,
            can_follow=lambda user, round_: rules.has_perm("ideas.see_round", user, round_),
            visible_to=IdeaRound.objects.visible_to,
            kind_label=_("Idea rounds"),
            description=_("You are told of new ideas in it, at most once a day."),
        )
        register_followable(
            Idea,
            can_follow=lambda user, idea: rules.has_perm("ideas.see_idea", user, idea),
            visible_to=Idea.objects.visible_to,
            kind_label=_("Ideas"),
            description=_(
                "You are told when its status changes or it gets an official response, and of "
                "new comments at most once a day."
            ),
        )
        register_kind(FOLLOWED_ROUND, _("New ideas in a round I follow"))
        register_kind(FOLLOWED_IDEA_COMMENTS, _("New comments on an idea I follow"))

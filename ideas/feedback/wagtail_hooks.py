"""The idea chooser for the impact reports that cms composes (ideas.feedback.choosers)."""

from wagtail import hooks


@hooks.register("register_admin_viewset")
def register_idea_chooser_viewset():
    from .choosers import idea_chooser_viewset

    return idea_chooser_viewset

"""Following: a person asks to be told of what happens to a round, an idea, a panel or a
page, with one model, one button and one "my follows" page for all of them.

- ``models``: ``Follow``, one person and one thing (a generic target); re-exported by
  ``accounts.models`` so that its migrations stay accounts'.
- ``registry``: ``register_followable``. accounts cannot import the apps above it, so each app
  registers its followable models in its AppConfig.ready(), saying who may follow (see) one.
- ``services``: ``follow``, ``unfollow``, ``is_following``, ``following_ids``,
  ``followers_of``, ``followers_who_may_see``, ``tell_followers`` (notify, never the actor,
  never someone who may no longer see the thing, optionally once a day), and ``follows_of``
  (a person's follows, grouped by kind, as "my follows" and the data export show them).
- ``views`` and ``urls``: following and unfollowing (POST only) and "my follows", mounted
  under /accounts/follows/.
- ``personal_data``: a person's follows in their data export. Deleting an account deletes
  them (the foreign key cascades); deleting a followed thing deletes its follows (registry).

Telling the followers of something new, e.g. an experiment (a Wagtail page in cms), is::

    # cms's AppConfig.ready():
    register_kind("cms.followed_experiment", _("Updates of an experiment I follow"))
    register_followable(
        ExperimentPage,
        visible_to=lambda user: ExperimentPage.objects.live().public(),
        kind_label=_("Experiments"),
        description=_("You are told of its updates."),
    )
    # where an update is published, in the same transaction:
    tell_followers(
        page,
        kind="cms.followed_experiment",
        message=format_lazy(_("“{title}” has a new update."), title=page.title),
        actor=editor,
    )

``register_kind`` lets people choose how they hear of it; ``tell_followers`` links to the page
in each reader's language unless given ``url``. Where a caller needs the people themselves,
``followers_who_may_see(page)`` (or ``followers_of(page)``, which does not check access) and
``accounts.notifications.notify`` do the same by hand. A page registers by its specific class;
a base ``Page`` instance of that class works too (``model_of``). The button is
``{% follow_button page %}`` from ``accounts_tags``; for a list, one query with
``{% followed_ids user pages as followed %}``, then ``{% follow_button page followed=followed %}``.
"""

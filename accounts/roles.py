"""Platform-wide roles, and the Django groups that carry their permissions.

The role on the user is the truth; each role above developer-client has a group of the
same meaning, kept in step by ``User.save`` so that Wagtail's permission checks (which
read groups) and Kohtaamo's rules (which read the role) can never disagree.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    DEVELOPER_CLIENT = "developer_client", pgettext_lazy("role", "developer-client")
    EXPERT_BY_EXPERIENCE = "expert_by_experience", pgettext_lazy("role", "expert by experience")
    STAFF = "staff", pgettext_lazy("role", "staff member")
    DECISION_MAKER = "decision_maker", pgettext_lazy("role", "decision-maker")


class InnoagentLevel(models.IntegerChoices):
    """The innoagent training levels of South Ostrobothnia's model: level I for
    professionals, level II for experts by experience. A qualification, not a role: it is
    granted by completing a training and shown beside the role badge."""

    NONE = 0, _("no innoagent level")
    LEVEL_I = 1, _("innoagent level I")
    LEVEL_II = 2, _("innoagent level II")


# The short text of the badge beside the role badge (accounts/includes/person.html, and the
# live scripts, which get it from live.catch_up.person_data).
INNOAGENT_BADGES = {
    InnoagentLevel.LEVEL_I: _("innoagent I"),
    InnoagentLevel.LEVEL_II: _("innoagent II"),
}


# Group names are stored in the database, so they stay in English; the admin shows them.
ROLE_GROUPS = {
    Role.STAFF: "Staff",
    Role.DECISION_MAKER: "Decision-makers",
}

# Permissions every member of a role group needs; later apps add their own to the groups.
ROLE_GROUP_PERMISSIONS = {
    "Staff": [("wagtailadmin", "admin", "access_admin")],
    "Decision-makers": [("wagtailadmin", "admin", "access_admin")],
}

ROLE_DESCRIPTIONS = {
    Role.DEVELOPER_CLIENT: _("A service user who co-develops services."),
    Role.EXPERT_BY_EXPERIENCE: _("A trained expert by experience (innoagent, level II)."),
    Role.STAFF: _("A professional who runs idea rounds, panels and surveys (innoagent, level I)."),
    Role.DECISION_MAKER: _("A manager or elected official who responds to ideas."),
}


def ensure_role_groups(**kwargs):
    """Create the role groups and give them their permissions. Safe to run any number of times."""
    from django.contrib.auth.models import Group, Permission

    for group_name, permissions in ROLE_GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for app_label, model, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)

"""How people and what they write appear on every page, and asking the rules from a template.
Every app's templates load this library."""

import nh3
import rules
from django import template
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe

register = template.Library()

# What user text may become after urlize: links and paragraphs, nothing else.
ALLOWED_TAGS = {"a", "p", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


@register.inclusion_tag("accounts/includes/person.html")
def person(user):
    """A person as others see them: display name and role badge, never a real name."""
    return {"person": user}


@register.simple_tag
def unread_notification_count(user):
    from accounts.notifications import unread_count

    return unread_count(user)


@register.filter
def user_text(value):
    """Plain text written by a participant, as safe HTML: escaped, web addresses made into
    links that search engines do not credit, line breaks kept.

    The text is escaped before urlize sees it; nh3 then removes anything but the links and
    paragraphs urlize and linebreaks produce, in case a future change lets markup through.
    """
    if not value:
        return ""
    linked = urlize(escape(value), nofollow=False, autoescape=False)
    html = linebreaks(linked, autoescape=False)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - escaped, then cleaned by nh3 above


@register.simple_tag
def can(perm, user, obj=None):
    """``{% can "ideas.edit_idea" user idea as can_edit %}``: the rule itself, never Django's
    blanket yes for superusers (see ideas.rules)."""
    return rules.has_perm(perm, user, obj)

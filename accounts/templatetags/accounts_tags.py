"""How people and what they write appear on every page, asking the rules from a template, and
the one follow button. Every app's templates load this library."""

import nh3
import rules
from django import template
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe

from accounts.follows import services as follows
from accounts.follows.registry import followable

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


@register.inclusion_tag("accounts/includes/follow_button.html", takes_context=True)
def follow_button(context, obj, following=None, label="", followed=None):
    """``{% follow_button round %}``: the one follow button, the same on every page.

    A POST form that works without JavaScript and brings the person back to the same place;
    a visitor gets a link to log in instead. Whether the person follows costs one query, or
    none when the page passes ``following`` (True on "my follows") or ``followed``, the pks
    from ``followed_ids`` for a list. ``label`` names the thing for screen readers where
    several buttons share a page."""
    request = context["request"]
    user = request.user
    entry = followable(obj)
    if following is None and followed is not None:
        following = obj.pk in followed
    if following is None:
        following = follows.is_following(user, obj)
    anchor = f"follow-{entry.key.replace('.', '-')}-{obj.pk}"
    return {
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "following": following,
        "key": entry.key,
        "pk": obj.pk,
        "label": label,
        "description": entry.description,
        "anchor": anchor,
        "next": f"{request.get_full_path()}#{anchor}",
        "login_next": request.get_full_path(),
    }


@register.simple_tag
def followed_ids(user, objects):
    """``{% followed_ids user rounds as followed %}``: the pks of ``objects`` that ``user``
    follows, in one query, for a list with a button on each row."""
    return follows.following_ids(user, objects)

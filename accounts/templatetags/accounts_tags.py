"""How people and what they write appear on every page, and asking the rules from a template.
Every app's templates load this library."""

import functools

import nh3
import rules
from django import template
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe

register = template.Library()

# What user text may become after urlize: links and paragraphs, nothing else.
ALLOWED_TAGS = {"a", "p", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


# How many people each process remembers as drawn (see person).
PEOPLE_REMEMBERED = 1024


@register.simple_tag
def person(user):
    """A person as others see them: display name and role badge, never a real name.

    What is drawn depends only on the display name, the role and the language, so each
    process remembers it by those: a thread of many comments by a few people draws each
    person once.
    """
    language = translation.get_language()
    if user is None:
        return _person_html(None, None, language)
    return _person_html(user.display_name, user.role, language)


@functools.lru_cache(maxsize=PEOPLE_REMEMBERED)
def _person_html(display_name, role, language):
    shown = None
    if display_name is not None:
        shown = get_user_model()(display_name=display_name, role=role)
    with translation.override(language):
        return render_to_string("accounts/includes/person.html", {"person": shown})


@register.simple_tag
def unread_notification_count(user):
    from accounts.notifications import unread_count

    return unread_count(user)


# How many texts each process remembers as HTML (see user_text); at most a few megabytes.
USER_TEXT_REMEMBERED = 2048


@register.filter
def user_text(value):
    """Plain text written by a participant, as safe HTML: escaped, web addresses made into
    links that search engines do not credit, line breaks kept.

    The text is escaped before urlize sees it; nh3 then removes anything but the links and
    paragraphs urlize and linebreaks produce, in case a future change lets markup through.
    The HTML depends on nothing but the text and this code, so each process remembers it for
    the texts it drew last: a thread's comments are cleaned once, not on every page view.
    """
    if not value:
        return ""
    if type(value) is str:
        return mark_safe(_user_text_html(value))  # noqa: S308 - see _clean_user_text
    # Anything else (a SafeString, which escape() would pass through) is not remembered
    # under a plain string's key.
    return mark_safe(_clean_user_text(value))  # noqa: S308 - see _clean_user_text


def _clean_user_text(value):
    linked = urlize(escape(value), nofollow=False, autoescape=False)
    html = linebreaks(linked, autoescape=False)
    # Escaped, then cleaned by nh3: safe to mark so.
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer",
    )


_user_text_html = functools.lru_cache(maxsize=USER_TEXT_REMEMBERED)(_clean_user_text)


@register.simple_tag
def can(perm, user, obj=None):
    """``{% can "ideas.edit_idea" user idea as can_edit %}``: the rule itself, never Django's
    blanket yes for superusers (see ideas.rules)."""
    return rules.has_perm(perm, user, obj)

from django import template

register = template.Library()


@register.inclusion_tag("accounts/includes/person.html")
def person(user):
    """A person as others see them: display name and role badge, never a real name."""
    return {"person": user}


@register.simple_tag
def unread_notification_count(user):
    from accounts.notifications import unread_count

    return unread_count(user)

"""What other parts of Kohtaamo may listen to about a person. Sent after the change is
committed."""

from django.dispatch import Signal

# kwargs: person, unread (their count of unread notices), notice (the new one, or None).
# The live app relays it to the person's open pages.
unread_changed = Signal()

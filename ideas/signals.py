"""What other parts of Kohtaamo may listen to. Sent only after the change is committed, so a
listener (e.g. the live discussion broadcasting a new comment) never announces something
that was rolled back; a listener that fails cannot undo the change either."""

from django.dispatch import Signal

# kwargs: comment
comment_posted = Signal()
# kwargs: comment; sent when a comment is edited, removed by its author, hidden or restored
comment_changed = Signal()
# kwargs: idea
idea_posted = Signal()
# kwargs: idea; sent when someone supports an idea or withdraws their support
support_changed = Signal()

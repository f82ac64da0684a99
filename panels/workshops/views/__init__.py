"""The pages of a co-design workshop:

- ``visual``: a board's visual view, which the live script keeps current, and its catch-up
  over HTTP for pages where websockets are blocked;
- ``common``: fetching what is asked for, if the person may see it, and why a board is closed;
- ``workshop``: a panel's workshops, a new one, the workshop page and the facilitator's
  controls (boards, timer, focus, finishing, guests, locks, dots);
- ``structured``: each board's structured view, the accessible equivalent of the visual
  board, and every change to notes, links and comments made from its forms;
- ``cards``: a card's fields as a form, and placing the card on a board;
- ``booklet``: the documentation booklet and the downloads (PDF, PNG, CSV).

Thin: who may do what comes from panels.workshops.rules, every change from
panels.workshops.services (the same functions the board's socket calls). Whatever a person
may not see answers 404, as every members-only page does; someone who sees the workshop but
asks for a change the rules refuse (a locked board, a finished workshop) is told why.
"""

"""Included by panels.urls, so the names are in the ``panels`` namespace (panels:workshop,
panels:workshop_board, ...). "workshops" is a reserved panel slug."""

from django.urls import path

from .views import booklet, cards, structured, visual, workshop

urlpatterns = [
    # A panel's workshops, and a new one.
    path("<slug:slug>/workshops/", workshop.workshop_list, name="workshop_list"),
    path("<slug:slug>/workshops/new/", workshop.workshop_create, name="workshop_create"),
    # A workshop: its boards, the facilitator's controls, guests, the booklet.
    path("workshops/<int:pk>/", workshop.workshop_detail, name="workshop"),
    path("workshops/<int:pk>/edit/", workshop.workshop_edit, name="workshop_edit"),
    path("workshops/<int:pk>/guests/", workshop.workshop_guests, name="workshop_guests"),
    path("workshops/<int:pk>/boards/new/", workshop.board_add, name="workshop_board_add"),
    path("workshops/<int:pk>/timer/", workshop.workshop_timer, name="workshop_timer"),
    path("workshops/<int:pk>/focus/", workshop.workshop_focus, name="workshop_focus"),
    path("workshops/<int:pk>/finish/", workshop.workshop_finish, name="workshop_finish"),
    path("workshops/<int:pk>/booklet/", booklet.booklet, name="workshop_booklet"),
    path("workshops/<int:pk>/booklet/edit/", booklet.booklet_edit, name="workshop_booklet_edit"),
    path("workshops/<int:pk>/booklet.pdf", booklet.booklet_pdf, name="workshop_booklet_pdf"),
    path(
        "workshops/decisions/<int:pk>/remove/",
        booklet.decision_remove,
        name="workshop_decision_remove",
    ),
    path("workshops/steps/<int:pk>/done/", booklet.next_step_done, name="workshop_step_done"),
    path("workshops/steps/<int:pk>/remove/", booklet.next_step_remove, name="workshop_step_remove"),
    # A board: the visual view (views.visual) and the structured view, which does everything
    # with plain forms.
    path("workshops/boards/<int:pk>/", visual.board, name="workshop_board"),
    path("workshops/boards/<int:pk>/live/", visual.board_catch_up, name="workshop_board_live"),
    path(
        "workshops/boards/<int:pk>/list/", structured.board_structured, name="workshop_board_list"
    ),
    path("workshops/boards/<int:pk>/card/", cards.card_edit, name="workshop_card"),
    path("workshops/boards/<int:pk>/lock/", workshop.board_lock, name="workshop_board_lock"),
    path("workshops/boards/<int:pk>/dots/", workshop.board_budget, name="workshop_board_budget"),
    path("workshops/boards/<int:pk>/notes/add/", structured.note_add, name="workshop_note_add"),
    path("workshops/boards/<int:pk>/links/add/", structured.link_add, name="workshop_link_add"),
    path("workshops/boards/<int:pk>/notes.csv", booklet.board_csv, name="workshop_board_csv"),
    path("workshops/boards/<int:pk>/board.png", booklet.board_png, name="workshop_board_png"),
    path("workshops/notes/<int:pk>/edit/", structured.note_edit, name="workshop_note_edit"),
    path("workshops/notes/<int:pk>/move/", structured.note_move, name="workshop_note_move"),
    path("workshops/notes/<int:pk>/remove/", structured.note_remove, name="workshop_note_remove"),
    path("workshops/notes/<int:pk>/vote/", structured.note_vote, name="workshop_note_vote"),
    path("workshops/notes/<int:pk>/unvote/", structured.note_unvote, name="workshop_note_unvote"),
    path("workshops/notes/<int:pk>/hide/", structured.note_hide, name="workshop_note_hide"),
    path(
        "workshops/notes/<int:pk>/restore/", structured.note_restore, name="workshop_note_restore"
    ),
    path(
        "workshops/notes/<int:pk>/comment/", structured.note_comment, name="workshop_note_comment"
    ),
    path("workshops/links/<int:pk>/remove/", structured.link_remove, name="workshop_link_remove"),
    path(
        "workshops/comments/<int:pk>/remove/",
        structured.comment_remove,
        name="workshop_comment_remove",
    ),
    path(
        "workshops/comments/<int:pk>/hide/", structured.comment_hide, name="workshop_comment_hide"
    ),
]

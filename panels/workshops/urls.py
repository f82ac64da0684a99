"""Included by panels.urls, so the names are in the ``panels`` namespace (panels:workshop,
panels:workshop_board, ...). "workshops" is a reserved panel slug."""

from django.urls import path

from . import live_views, views

urlpatterns = [
    # A panel's workshops, and a new one.
    path("<slug:slug>/workshops/", views.workshop_list, name="workshop_list"),
    path("<slug:slug>/workshops/new/", views.workshop_create, name="workshop_create"),
    # A workshop: its boards, the facilitator's controls, guests, the booklet.
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop"),
    path("workshops/<int:pk>/edit/", views.workshop_edit, name="workshop_edit"),
    path("workshops/<int:pk>/guests/", views.workshop_guests, name="workshop_guests"),
    path("workshops/<int:pk>/boards/new/", views.board_add, name="workshop_board_add"),
    path("workshops/<int:pk>/timer/", views.workshop_timer, name="workshop_timer"),
    path("workshops/<int:pk>/focus/", views.workshop_focus, name="workshop_focus"),
    path("workshops/<int:pk>/finish/", views.workshop_finish, name="workshop_finish"),
    path("workshops/<int:pk>/booklet/", views.booklet, name="workshop_booklet"),
    path("workshops/<int:pk>/booklet/edit/", views.booklet_edit, name="workshop_booklet_edit"),
    path("workshops/<int:pk>/booklet.pdf", views.booklet_pdf, name="workshop_booklet_pdf"),
    path(
        "workshops/decisions/<int:pk>/remove/",
        views.decision_remove,
        name="workshop_decision_remove",
    ),
    path("workshops/steps/<int:pk>/done/", views.next_step_done, name="workshop_step_done"),
    path("workshops/steps/<int:pk>/remove/", views.next_step_remove, name="workshop_step_remove"),
    # A board: the visual view (live_views) and the structured view, which does everything
    # with plain forms.
    path("workshops/boards/<int:pk>/", live_views.board, name="workshop_board"),
    path("workshops/boards/<int:pk>/live/", live_views.board_catch_up, name="workshop_board_live"),
    path("workshops/boards/<int:pk>/list/", views.board_structured, name="workshop_board_list"),
    path("workshops/boards/<int:pk>/card/", views.card_edit, name="workshop_card"),
    path("workshops/boards/<int:pk>/lock/", views.board_lock, name="workshop_board_lock"),
    path("workshops/boards/<int:pk>/dots/", views.board_budget, name="workshop_board_budget"),
    path("workshops/boards/<int:pk>/notes/add/", views.note_add, name="workshop_note_add"),
    path("workshops/boards/<int:pk>/links/add/", views.link_add, name="workshop_link_add"),
    path("workshops/boards/<int:pk>/notes.csv", views.board_csv, name="workshop_board_csv"),
    path("workshops/boards/<int:pk>/board.png", views.board_png, name="workshop_board_png"),
    path("workshops/notes/<int:pk>/edit/", views.note_edit, name="workshop_note_edit"),
    path("workshops/notes/<int:pk>/move/", views.note_move, name="workshop_note_move"),
    path("workshops/notes/<int:pk>/remove/", views.note_remove, name="workshop_note_remove"),
    path("workshops/notes/<int:pk>/vote/", views.note_vote, name="workshop_note_vote"),
    path("workshops/notes/<int:pk>/unvote/", views.note_unvote, name="workshop_note_unvote"),
    path("workshops/notes/<int:pk>/hide/", views.note_hide, name="workshop_note_hide"),
    path("workshops/notes/<int:pk>/restore/", views.note_restore, name="workshop_note_restore"),
    path("workshops/notes/<int:pk>/comment/", views.note_comment, name="workshop_note_comment"),
    path("workshops/links/<int:pk>/remove/", views.link_remove, name="workshop_link_remove"),
    path(
        "workshops/comments/<int:pk>/remove/", views.comment_remove, name="workshop_comment_remove"
    ),
    path("workshops/comments/<int:pk>/hide/", views.comment_hide, name="workshop_comment_hide"),
]

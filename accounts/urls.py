from django.urls import include, path

from . import plain_language, views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("plain-language/", plain_language.toggle, name="plain_language"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.mark_notifications_read, name="notifications_read"),
    path(
        "notifications/preferences/",
        views.notification_preferences,
        name="notification_preferences",
    ),
    path(
        "notifications/preferences/revoke-links/",
        views.revoke_email_links,
        name="revoke_email_links",
    ),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("follows/", include("accounts.follows.urls")),
    path("", include("accounts.privacy.urls")),
]

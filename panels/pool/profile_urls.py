"""A person's own pools and applications, beside their profile (mounted at
accounts/profile/ by cms.urls): pool:my_pools, ..."""

from django.urls import path

from . import views

app_name = "pool"

urlpatterns = [
    path("pool/", views.my_pools, name="my_pools"),
    path("pool/members/<int:pk>/profile/", views.member_profile, name="member_profile"),
    path("pool/members/<int:pk>/status/", views.member_status, name="member_status"),
    path("pool/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw_application"),
]

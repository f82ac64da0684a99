"""Registers the pool's admin (panels.pool.admin) as its own menu group, "Forerunner pools".
panels.pool.calls may add its viewsets to ``PoolGroup.items``."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import PoolViewSet, RecruitmentViewSet


class PoolGroup(ViewSetGroup):
    menu_label = _("Forerunner pools")
    menu_icon = "group"
    menu_order = 260
    items = (PoolViewSet, RecruitmentViewSet)


@hooks.register("register_admin_viewset")
def register_pool_admin():
    return PoolGroup()

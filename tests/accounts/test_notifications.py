import pytest
from django.urls import reverse

from accounts.models import Notification
from accounts.notifications import notify, unread_count

pytestmark = pytest.mark.django_db


def test_notify_tells_active_people_only(make_user):
    person = make_user()
    gone = make_user(is_active=False)
    assert notify(person, kind="test.kind", message="Hakemuksesi hyväksyttiin.", url="/panels/")
    assert notify(gone, kind="test.kind", message="x") is None
    assert notify(None, kind="test.kind", message="x") is None
    assert unread_count(person) == 1
    assert Notification.objects.count() == 1


def test_the_list_shows_my_notices_only(client, make_user):
    me, other = make_user(), make_user()
    notify(me, kind="k", message="Minulle kuuluva viesti")
    notify(other, kind="k", message="Jonkun toisen viesti")
    client.force_login(me)
    page = client.get(reverse("notifications")).content.decode()
    assert "Minulle kuuluva viesti" in page
    assert "Jonkun toisen viesti" not in page


def test_header_counts_unread_notices(client, make_user):
    me = make_user()
    notify(me, kind="k", message="Yksi")
    notify(me, kind="k", message="Kaksi")
    client.force_login(me)
    assert "(2 uutta)" in client.get(reverse("notifications")).content.decode()


def test_mark_all_read(client, make_user):
    me, other = make_user(), make_user()
    notify(me, kind="k", message="Yksi")
    notify(other, kind="k", message="Toisen")
    client.force_login(me)
    response = client.post(reverse("notifications_read"))
    assert response.status_code == 302
    assert unread_count(me) == 0
    assert unread_count(other) == 1


def test_opening_a_notice_marks_it_read_and_follows_its_link(client, make_user):
    me = make_user()
    notice = notify(me, kind="k", message="Katso", url="/terms/")
    client.force_login(me)
    response = client.post(reverse("notifications_read"), {"id": notice.pk})
    assert response.status_code == 302 and response.url == "/terms/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_a_notice_link_never_leads_off_site(client, make_user):
    me = make_user()
    notice = notify(me, kind="k", message="Katso", url="https://evil.example/")
    client.force_login(me)
    response = client.post(reverse("notifications_read"), {"id": notice.pk})
    assert response.url == reverse("notifications")


def test_someone_elses_notice_is_not_found(client, make_user):
    me, other = make_user(), make_user()
    notice = notify(other, kind="k", message="Toisen")
    client.force_login(me)
    assert client.post(reverse("notifications_read"), {"id": notice.pk}).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


@pytest.mark.parametrize("method, name", [("get", "notifications"), ("post", "notifications_read")])
def test_notices_need_login(client, method, name):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_list_query_count_does_not_grow_with_notices(
    client, make_user, django_assert_num_queries
):
    me = make_user()
    client.force_login(me)
    notify(me, kind="k", message="first")
    client.get(reverse("notifications"))
    # session, user, unread count (header), page count, page, savepoints of the session
    with django_assert_num_queries(7):
        client.get(reverse("notifications"))
    for n in range(25):
        notify(me, kind="k", message=f"viesti {n}")
    with django_assert_num_queries(7):
        client.get(reverse("notifications"))

"""Documents are served by Wagtail, which checks the privacy of their collection first; nginx
never serves the files itself (it would hand a private document to anyone with its path)."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.platform.cluster import location_for, nginx_configs

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4 minutes of a closed panel meeting"


@pytest.fixture
def private_document(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    private = Collection.get_first_root_node().add_child(name="Raadin sisäiset")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Pöytäkirja", file=ContentFile(SECRET, name="poytakirja.pdf"), collection=private
    )


def test_documents_are_served_through_wagtail():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_a_document_in_a_private_collection_is_not_served_to_anyone(client, private_document):
    url = private_document.url
    assert url.startswith("/documents/") and not url.startswith(settings.MEDIA_URL)
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert SECRET not in response.content


def test_a_signed_in_person_gets_the_document(client, private_document, make_user):
    client.force_login(make_user())
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET


def test_nginx_does_not_serve_the_document_files(tmp_path):
    stored = "/media/documents/poytakirja.pdf"
    for name, config in nginx_configs(tmp_path).items():
        location = location_for(config, stored)
        assert location is not None, name
        assert "alias" not in location and "root " not in location, (name, location)
        assert "proxy_pass" not in location or "return 404" in location, (name, location)
        assert "return 404" in location or "deny all" in location, (name, location)
        # Image renditions stay public files that nginx serves.
        assert "alias" in location_for(config, "/media/images/kuva.max-800x600.png"), name


@pytest.mark.parametrize("path", ["/_util/login/", "/en/_util/login/"])
def test_wagtails_own_front_end_login_form_is_not_reachable(client, path, make_user):
    """It would check passwords without allauth's rate limits."""
    person = make_user()
    person.set_password("oikea-salasana-123")
    person.save()
    answer = client.post(path, {"username": person.email, "password": "oikea-salasana-123"})
    assert answer.status_code in (301, 302)
    assert "/accounts/login/" in answer["Location"]
    assert "_auth_user_id" not in client.session


def test_the_development_server_serves_images_but_no_document_files(settings):
    """Under DEBUG Django serves media as nginx does: image renditions, never documents."""
    import importlib

    from django.urls import URLResolver, clear_url_caches
    from django.urls.exceptions import Resolver404
    from django.urls.resolvers import RegexPattern
    from django.views.static import serve

    import cms.urls

    settings.DEBUG = True
    try:
        debug_urls = importlib.reload(cms.urls).urlpatterns
    finally:
        settings.DEBUG = False
        importlib.reload(cms.urls)
        clear_url_caches()
    resolver = URLResolver(RegexPattern(r"^/"), debug_urls)

    def serves_the_file(path):
        try:
            return resolver.resolve(path).func is serve
        except Resolver404:
            return False

    assert serves_the_file("/media/images/kuva.max-800x600.png")
    assert not serves_the_file("/media/documents/poytakirja.pdf")
    assert not serves_the_file("/media/original_images/kuva.png")

"""The site's icon: at `/favicon.ico` for browsers that ask, and linked from the admin."""

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.svg")
    assert "max-age=86400" in response["Cache-Control"]


def test_the_admin_links_the_icon(editor_client):
    response = editor_client.get("/admin/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<link rel="icon" href="{static("img/favicon.svg")}" type="image/svg+xml">' in html

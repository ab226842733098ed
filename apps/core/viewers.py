"""Who a public page is shown to, read without costing the page its cacheability."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser


def page_viewer(request):
    """The user a public page is shown to (staff see previews), or an anonymous one.

    Reading `request.user` loads the session, and a response whose session was read
    varies on Cookie: no shared cache could then keep it for anyone. A visitor without a
    session cookie is anonymous anyway, so the session is left untouched for them.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return AnonymousUser()
    return request.user

"""Response headers for every answer: what the browser may use, and what it may keep.

The header middlewares sit first, outside everything that can refuse a request early (a
host not in ALLOWED_HOSTS raises in SecurityMiddleware's HTTPS redirect or in
CommonMiddleware), so those answers carry the same headers as every page. When
SecurityMiddleware itself raised, its own headers are added here by its own code.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.security import SecurityMiddleware
from django.utils.cache import patch_cache_control


class HeadersMiddleware:
    """Permissions-Policy on every response; signed-in answers are never stored.

    A signed-in page or download holds what its user may see: no shared cache or browser
    history on a shared municipal computer may keep it. Static files are served before
    sign-in is read (whitenoise) and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Django's, for an answer it never saw: over plain HTTP its HTTPS redirect reads the
        # host first, and a refused host's 400 passed it without nosniff or Referrer-Policy.
        self.security = SecurityMiddleware(get_response)
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "X-Content-Type-Options" not in response.headers:
            response = self.security.process_response(request, response)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Adds to what the view said (never_cache's no-cache, must-revalidate stay).
            patch_cache_control(response, private=True, no_store=True)
        return response

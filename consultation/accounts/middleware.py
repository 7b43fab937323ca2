# Wagtail's admin uses inline styles and scripts (and frames its own previews), so only
# there the public pages' strict policy is relaxed.
ADMIN_PREFIX = "/admin/"
ADMIN_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}


# Two-factor set-up shows its QR code as a data: image (allauth's own template).
SECOND_FACTOR_PREFIX = "/accounts/2fa/"
SECOND_FACTOR_POLICY = {"img-src": ["'self'", "data:"]}


class AdminContentSecurityPolicyMiddleware:
    """Listed after csp.middleware.CSPMiddleware, so it marks the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_replace = {**ADMIN_POLICY, **getattr(response, "_csp_replace", {})}
        elif request.path.startswith(SECOND_FACTOR_PREFIX):
            response._csp_replace = {
                **SECOND_FACTOR_POLICY,
                **getattr(response, "_csp_replace", {}),
            }
        return response

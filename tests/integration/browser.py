"""A tiny HTTP client for checks against loopback servers running production settings.

Production marks the session and CSRF cookies Secure. Over plain http on 127.0.0.1 a
standard cookie jar would never send them back, so this client keeps cookies itself and
sends them in the Cookie header. The cookies are shared by every server it talks to: one
browser, two app servers behind one address.
"""

import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


@dataclass
class Response:
    status: int
    headers: dict
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def csrf_token(self) -> str:
        match = CSRF_FIELD.search(self.text)
        if not match:
            raise AssertionError("the page has no form with a CSRF token")
        return match.group(1)


@dataclass
class Browser:
    cookies: dict = field(default_factory=dict)

    def request(self, url: str, data: dict | None = None, timeout=15) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            raw = _opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            raw = error
        with raw:
            for header in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Response(
                status=raw.status,
                headers={k.lower(): v for k, v in raw.headers.items()},
                text=raw.read().decode("utf-8", "replace"),
            )

    def get(self, url: str) -> Response:
        return self.request(url)

    def post(self, url: str, data: dict, *, form_page: str) -> Response:
        """POST `data` with the CSRF token read from the form on `form_page` (a GET first)."""
        token = self.get(form_page).csrf_token()
        return self.request(url, {"csrfmiddlewaretoken": token, **data})

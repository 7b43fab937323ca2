"""Logging filters. An outage of Redis or PostgreSQL makes every request fail the same way;
the log should say so once an interval, with a count, not once per request."""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """Passes the first record of each kind (logger, level, message, exception class) in each
    interval of `seconds`; the next one passed says how many were held back meanwhile.
    Per process: each gunicorn worker logs its own line."""

    def __init__(self, seconds: int = 60, status_code: int | None = None, name: str = ""):
        super().__init__(name)
        self.seconds = seconds
        # On django.request: hold back only responses with this status (503 during an
        # outage); every other error is still logged each time.
        self.status_code = status_code
        self._lock = threading.Lock()
        self._last: dict[tuple, float] = {}
        self._held: dict[tuple, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if (
            self.status_code is not None
            and getattr(record, "status_code", None) != self.status_code
        ):
            return True
        kind = (
            record.name,
            record.levelno,
            str(record.msg),
            record.exc_info[0] if record.exc_info else None,
        )
        now = time.monotonic()
        with self._lock:
            last = self._last.get(kind)
            if last is not None and now - last < self.seconds:
                self._held[kind] = self._held.get(kind, 0) + 1
                return False
            self._last[kind] = now
            held = self._held.pop(kind, 0)
        if held:
            record.msg = f"{record.msg} ({held} more like this in the last {self.seconds} s)"
        return True

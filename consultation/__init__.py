# Registers the bounded `id` path converter before any URL pattern (including the guidance
# page's routes, built as its class is defined) can name it.
from consultation import numbers  # noqa: F401

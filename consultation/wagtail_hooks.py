"""Wagtail imports each app's `wagtail_hooks` module; each feature registers its own hooks
in a module of that name inside its package, imported here."""

from consultation.caching import wagtail_hooks as caching_hooks
from consultation.discussion import wagtail_hooks as discussion_hooks
from consultation.facilitation import wagtail_hooks as facilitation_hooks
from consultation.feedback import wagtail_hooks as feedback_hooks
from consultation.suggestions import wagtail_hooks as suggestion_hooks

__all__ = [
    "caching_hooks",
    "discussion_hooks",
    "facilitation_hooks",
    "feedback_hooks",
    "suggestion_hooks",
]

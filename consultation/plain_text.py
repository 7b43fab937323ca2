"""Text people type, kept to characters XML and HTML allow.

A vertical tab (what a word processor pastes for a line break), NUL and the other C0
controls, lone surrogates and U+FFFE/U+FFFF cannot appear in an XML document: one of them
in a change summary made every Atom feed that lists it fail. Forms clean them out as they
validate (`CleanCharField`, and the guidance editor's form); feeds clean again on output,
so text stored before this rule cannot break them either.
"""

import re

from django import forms

# Line breaks in disguise become line breaks; the rest of what XML forbids goes.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c]")
FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text_clean(value):
    """`value` without the characters XML 1.0 forbids; anything not a string is returned as is."""
    if not isinstance(value, str):
        return value
    return FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", value))


class CleanCharField(forms.CharField):
    """A CharField whose value never holds a character a feed or page could not carry."""

    def to_python(self, value):
        value = text_clean(super().to_python(value))
        return value.strip() if self.strip and isinstance(value, str) else value


class CleanTextFormMixin:
    """For admin model forms (settings, plain pages): what every field reads from the post
    is cleaned before it validates, so a pasted NUL is dropped rather than refused. Done
    per field, after the widget: rich text arrives as JSON, which escapes control characters,
    and only becomes text with them in when the widget turns it into HTML."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.to_python = _cleaning(field.to_python)


def _cleaning(to_python):
    return lambda value: text_clean(to_python(value))

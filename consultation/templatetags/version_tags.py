from django import template
from django.utils.html import format_html, format_html_join

from consultation.versions.diff import DELETE, INSERT, word_diff

register = template.Library()

MARKS = {
    INSERT: ("ins", "added"),
    DELETE: ("del", "removed"),
}


@register.simple_tag
def diff_segments(segments):
    """Word-level changes as <ins>/<del>, every piece of text escaped.

    Visually hidden words say "added" and "removed", so colour and strike-through are
    never the only cue.
    """
    return format_html_join("", "{}", ((_segment(s),) for s in segments))


def _segment(segment):
    if segment.op not in MARKS:
        return format_html("{}", segment.text)
    tag, word = MARKS[segment.op]
    return format_html(
        '<{tag}><span class="visually-hidden">[{word}: </span>{text}'
        '<span class="visually-hidden">]</span></{tag}>',
        tag=tag,
        word=word,
        text=segment.text,
    )


@register.simple_tag(takes_context=True)
def clause_note(context, clause):
    """The "New in" / "Changed in" note for a clause of the current page, if any."""
    notes = context.get("clause_notes")
    return notes.get(clause.id) if notes else None


@register.simple_tag
def diff_text(old, new):
    return word_diff(old, new)

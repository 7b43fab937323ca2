from django import template

register = template.Library()


def described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def field_widget(field):
    """The field's input, tied to its hint and error message for screen readers."""
    attrs = {}
    ids = described_by(field)
    if ids:
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def describedby(field) -> str:
    return described_by(field)


@register.filter
def is_checkbox(field) -> bool:
    return field.widget_type == "checkbox"


@register.filter
def is_radio(field) -> bool:
    return field.widget_type == "radioselect"


@register.filter
def is_choice_group(field) -> bool:
    """Radio buttons or several checkboxes: a fieldset with a legend."""
    return field.widget_type in {"radioselect", "checkboxselectmultiple"}

"""{% personal "name" arg ... %}what an anonymous reader sees{% endpersonal %}: a spot that
differs per person (consultation/caching/personal.py). Rendered as usual, except in a
page's shared rendering, where it leaves a marker for the person's fragment."""

from django import template
from django.utils.safestring import mark_safe

from consultation.caching.personal import is_shared_render, marker

register = template.Library()


class PersonalNode(template.Node):
    def __init__(self, name, args, nodelist):
        self.name = name
        self.args = args
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if request is not None and is_shared_render(request):
            name = self.name.resolve(context)
            return mark_safe(marker(name, [arg.resolve(context) for arg in self.args]))
        return self.nodelist.render(context)


@register.tag
def personal(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% personal %} needs a fragment name.")
    nodelist = parser.parse(("endpersonal",))
    parser.delete_first_token()
    return PersonalNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], nodelist
    )

from django import template
from django.conf import settings

register = template.Library()

ROW_HEIGHT = 32
LABEL_WIDTH = 210
BAR_SCALE = 2  # 100% is 200 units wide


@register.simple_tag
def vote_min_group():
    return settings.COPRODUCE_VOTE_MIN_GROUP


@register.inclusion_tag("consultation/includes/vote_chart.html")
def vote_chart(result, chart_id):
    """A horizontal bar chart of one clause's answers, as server-rendered SVG."""
    rows = [
        {
            "label": answer.label,
            "count": answer.count,
            "percent": answer.percent,
            "css": answer.choice.name.lower().replace("_", "-"),
            "bar_y": index * ROW_HEIGHT + 6,
            "text_y": index * ROW_HEIGHT + 21,
            "bar_x": LABEL_WIDTH,
            "width": answer.percent * BAR_SCALE,
            "value_x": LABEL_WIDTH + answer.percent * BAR_SCALE + 6,
        }
        for index, answer in enumerate(result.answers)
    ]
    return {
        "rows": rows,
        "chart_id": chart_id,
        "result": result,
        "height": len(rows) * ROW_HEIGHT,
        "width": LABEL_WIDTH + 100 * BAR_SCALE + 60,
    }

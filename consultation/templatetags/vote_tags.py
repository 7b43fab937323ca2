from django import template
from django.conf import settings

register = template.Library()

# Each answer's label sits above its bar, so the chart is narrow: 296 units wide, drawn at
# 20 units a letter. Shown 288 to 352 pixels wide (phones at 320 px up to the CSS max-width),
# its labels are never smaller than the body text (18 px).
ROW_HEIGHT = 54
LABEL_HEIGHT = 20
BAR_HEIGHT = 20
BAR_SCALE = 2.4  # 100% is 240 units wide
VALUE_ROOM = 56


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
            "text_y": index * ROW_HEIGHT + LABEL_HEIGHT,
            "bar_y": index * ROW_HEIGHT + LABEL_HEIGHT + 6,
            "value_y": index * ROW_HEIGHT + LABEL_HEIGHT + 6 + BAR_HEIGHT - 3,
            "bar_x": 0,
            "width": round(answer.percent * BAR_SCALE, 1),
            "value_x": round(answer.percent * BAR_SCALE + 6, 1),
        }
        for index, answer in enumerate(result.answers)
    ]
    return {
        "rows": rows,
        "chart_id": chart_id,
        "result": result,
        "height": len(rows) * ROW_HEIGHT,
        "width": round(100 * BAR_SCALE) + VALUE_ROOM,
    }

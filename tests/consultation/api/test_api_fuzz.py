"""A bounded, offline fuzz: odd values in every path and query parameter, each answer
checked against the API's own schema (the get_json fixture validates every body)."""

from urllib.parse import quote

import pytest

from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory

ODD = ["0", "-1", "1.0", "1e3", "9" * 30, "", " ", "%00", "é", "null", "true", "[1]", "1;2"]
TEMPLATES = [
    "/api/v1/guidance/{guidance_id}/versions/",
    "/api/v1/guidance/{guidance_id}/versions/{number}/",
    "/api/v1/guidance/{guidance_id}/versions/{number}/results/",
    "/api/v1/guidance/{guidance_id}/comments/",
]


@pytest.fixture
def data(guidance):
    make_comment(guidance, ParticipantFactory(), clause=guidance.clauses[0])
    return guidance


@pytest.mark.parametrize("template", TEMPLATES)
def test_odd_path_values_get_a_documented_json_answer(client, get_json, data, template):
    for value in ODD:
        for field in [f for f in ("guidance_id", "number") if "{" + f + "}" in template]:
            values = {"guidance_id": data.pk, "number": 1, field: quote(value, safe="")}
            url = template.format(**values)
            if "//" in url:
                continue  # an empty segment is a different address altogether
            status, _ = get_json(url, template)
            # Pydantic reads "1.0" as the integer 1, a harmless leniency.
            assert status in (404, 422) or value == "1.0", url


def test_odd_query_values_get_a_documented_json_answer(get_json, data):
    template = TEMPLATES[-1]
    url = template.format(guidance_id=data.pk)
    for name in ("limit", "offset", "version", "clause"):
        for value in ODD:
            status, _ = get_json(url, template, **{name: value})
            assert status in (200, 422), (name, value)

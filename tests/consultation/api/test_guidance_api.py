from datetime import timedelta

from django.utils import timezone
from wagtail.models import PageViewRestriction

from consultation.versions.models import ClauseSnapshot
from consultation.voting.models import Vote
from tests.factories import GuidancePageFactory, ParticipantFactory

LIST = "/api/v1/guidance/"
VERSIONS = "/api/v1/guidance/{guidance_id}/versions/"
VERSION = "/api/v1/guidance/{guidance_id}/versions/{number}/"
RESULTS = "/api/v1/guidance/{guidance_id}/versions/{number}/results/"


def test_the_list_shows_live_public_guidance_with_its_window_and_current_version(
    get_json, guidance, guidance_index
):
    draft = GuidancePageFactory(parent=guidance_index, title="Draft")
    draft.unpublish()
    private = GuidancePageFactory(parent=guidance_index, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    status, body = get_json(LIST, LIST)

    assert status == 200
    assert [g["id"] for g in body] == [guidance.pk]
    assert body[0]["title"] == guidance.title
    assert body[0]["status"] == "open"
    assert body[0]["current_version"] == 1
    assert body[0]["url"].endswith(guidance.url)


def test_versions_are_listed_and_one_version_has_its_clauses_as_text_and_html(get_json, guidance):
    guidance.title = "Renamed"
    guidance.save_revision().publish()
    url = VERSIONS.format(guidance_id=guidance.pk)

    status, body = get_json(url, VERSIONS)
    assert status == 200
    assert [v["number"] for v in body] == [1, 2]

    status, body = get_json(VERSION.format(guidance_id=guidance.pk, number=1), VERSION)
    assert status == 200
    assert body["number"] == 1 and body["guidance_id"] == guidance.pk
    first = body["clauses"][0]
    assert first["clause_id"] == guidance.clauses[0].id
    assert first["number"] == 1
    assert first["body_text"] == "Body of clause 1."
    assert first["body_html"] == "<p>Body of clause 1.</p>"
    assert first["proposition"] == "Proposition 1"
    assert first["plain_summary"] == "Summary 1"


def test_results_suppress_small_groups_with_null_counts(get_json, guidance, settings):
    settings.COPRODUCE_VOTE_MIN_GROUP = 3
    guidance.results_visibility = "always"
    guidance.save_revision().publish()
    snapshot = ClauseSnapshot.objects.filter(version=guidance.current_version, number=1).get()
    for _ in range(3):
        Vote.objects.create(
            participant=ParticipantFactory(), snapshot=snapshot, choice=1, perspectives="carer"
        )
    Vote.objects.create(
        participant=ParticipantFactory(), snapshot=snapshot, choice=4, perspectives="employer"
    )
    url = RESULTS.format(guidance_id=guidance.pk, number=guidance.current_version.number)

    status, body = get_json(url, RESULTS)

    assert status == 200 and body["available"] is True
    clause = body["clauses"][0]
    assert clause["suppressed"] is False and clause["total"] == 4
    assert [a["count"] for a in clause["answers"]] == [3, 0, 0, 1, 0]
    groups = {g["perspective"]: g for g in clause["perspectives"]}
    assert groups["carer"] == {
        "perspective": "carer",
        "label": "Family member or carer",
        "suppressed": False,
        "total": 3,
        "agree_percent": 100,
    }
    assert groups["employer"]["suppressed"] is True
    assert groups["employer"]["total"] is None and groups["employer"]["agree_percent"] is None
    quiet = body["clauses"][1]
    assert quiet["suppressed"] is True and quiet["total"] is None
    assert all(a["count"] is None for a in quiet["answers"])


def test_results_stay_hidden_while_open_when_the_page_shows_them_after_closing(get_json, guidance):
    guidance.results_visibility = "after_close"
    guidance.save()
    url = RESULTS.format(guidance_id=guidance.pk, number=1)

    status, body = get_json(url, RESULTS)
    assert status == 200
    assert body["available"] is False and body["clauses"] == []
    assert body["hidden_reason"]

    guidance.closes_at = timezone.now() - timedelta(days=1)
    guidance.save()
    status, body = get_json(url, RESULTS)
    assert body["available"] is True and len(body["clauses"]) == 3


def test_unknown_ids_other_documents_versions_and_bad_ids_give_json_errors(
    get_json, guidance, guidance_index
):
    other = GuidancePageFactory(parent=guidance_index)
    other.title = "Second"
    other.save_revision().publish()  # `other` has a version 2, `guidance` does not
    cases = [
        (VERSIONS.format(guidance_id=999999, number=1), VERSIONS, 404),
        (VERSION.format(guidance_id=guidance.pk, number=2), VERSION, 404),
        (RESULTS.format(guidance_id=guidance.pk, number=2), RESULTS, 404),
        (VERSION.format(guidance_id="abc", number=1), VERSION, 422),
        (VERSION.format(guidance_id=guidance.pk, number="1.5"), VERSION, 422),
        (VERSION.format(guidance_id=10**30, number=1), VERSION, 422),
        (VERSION.format(guidance_id=guidance.pk, number=0), VERSION, 422),
        (VERSIONS.format(guidance_id=guidance_index.pk), VERSIONS, 404),  # not guidance
    ]
    for url, template, expected in cases:
        status, body = get_json(url, template)
        assert status == expected, url
        assert body["detail"]


def test_unknown_query_parameters_are_refused(get_json, guidance):
    status, body = get_json(LIST, LIST, colour="blue")
    assert status == 422
    assert body["detail"][0]["loc"] == ["query", "colour"]


def test_the_openapi_schema_and_the_docs_are_served_without_other_sites(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/guidance/{guidance_id}/comments/" in schema.json()["paths"]

    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    csp = docs["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "script-src 'self'" in csp


def test_clients_over_the_rate_limit_get_429_in_the_documented_shape(get_json, guidance, settings):
    settings.COPRODUCE_API_RATE = "2/m"
    assert get_json(LIST, LIST)[0] == 200
    assert get_json(LIST, LIST)[0] == 200

    status, body = get_json(LIST, LIST)

    assert status == 429
    assert "Too many requests" in body["detail"]


def test_addresses_the_api_does_not_have_answer_with_a_json_404(client, guidance):
    for url in [
        "/api/v1/nothing/",
        f"/api/v1/guidance/{guidance.pk}/votes/",
        "/api/v2/guidance/",
        f"/api/v1/guidance/{guidance.pk}/versions/1/results/extra/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"]


def test_an_address_missing_its_final_slash_is_redirected(client, guidance):
    response = client.get("/api/v1/guidance", {"x": "1"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/guidance/?x=1"

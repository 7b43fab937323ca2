import pytest
from django.utils import timezone

from consultation.demo import content
from consultation.guidance.models import GuidancePage
from consultation.versions.history import version_comparison, version_pair

pytestmark = pytest.mark.usefixtures("demo_for_the_module")


def demo_page():
    return GuidancePage.objects.get(slug=content.MAIN_SLUG)


def test_demo_guidance_has_three_dated_versions_with_change_summaries(db):
    page = demo_page()

    versions = list(page.versions.order_by("number"))

    assert [v.number for v in versions] == [1, 2, 3]
    assert all(v.change_summary for v in versions[1:])
    assert versions[0].published_at < versions[1].published_at < versions[2].published_at
    assert (timezone.now() - versions[0].published_at).days >= 20


def test_demo_comparison_of_first_and_last_versions_shows_every_kind_of_change(db):
    page = demo_page()

    diff = version_comparison(*version_pair(page, 1, 3))

    assert diff.added == 1
    assert diff.removed == 1
    assert diff.moved == 1
    assert diff.changed >= 3
    assert diff.unchanged >= 5


def test_demo_clause_ids_survive_from_version_to_version(db):
    page = demo_page()
    first, last = (
        set(v.clauses.values_list("clause_id", flat=True)) for v in version_pair(page, 1, 3)
    )

    assert len(first & last) == len(last) - 1
    assert {c.id for c in page.clauses} == last

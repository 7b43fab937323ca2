import io

from django.core.management import call_command

from consultation.models import GuidancePage, Vote


def test_results_benchmark_reports_medians_and_leaves_nothing_behind(db):
    out = io.StringIO()

    call_command("bench_results", clauses=3, votes=50, runs=1, stdout=out)

    assert "3 clauses, 50 votes" in out.getvalue()
    assert "cached tallies: median" in out.getvalue()
    assert not Vote.objects.exists()
    assert not GuidancePage.objects.exists()

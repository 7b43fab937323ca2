from django.core.cache import cache
from django.core.management import call_command

from consultation.accounts.models import Participant
from consultation.demo import content
from consultation.demo.votes import CONSENSUS_CLAUSE, CONTESTED_CLAUSE, REVISED_CLAUSE
from consultation.guidance.models import GuidancePage
from consultation.voting.models import Vote
from consultation.voting.results import page_results


def demo_results():
    cache.clear()
    page = GuidancePage.objects.get(slug=content.MAIN_SLUG)
    results = page_results(page)
    keys = [key for key, *_rest in content.MAIN_CLAUSES]
    return page, {keys[r.snapshot.number - 1]: r for r in results.values()}


def test_demo_has_voters_across_perspectives_and_votes_on_two_versions_carried_between(db):
    call_command("load_demo")

    page, _results = demo_results()
    assert Participant.objects.filter(user__username__startswith="demo-voter-").count() == 60
    assert Participant.objects.values("perspectives").distinct().count() >= 7
    versions = set(
        Vote.objects.filter(snapshot__version__page=page, carried_from__isnull=True).values_list(
            "snapshot__version__number", flat=True
        )
    )
    assert versions == {1, page.versions.count()} and len(versions) == 2
    # Version 2 changed only some clauses: the others carry version 1's answers.
    carried = Vote.objects.filter(snapshot__version__page=page, snapshot__version__number=2)
    assert carried.exists()
    assert set(carried.values_list("carried_from", flat=True)) == {1}


def test_demo_shows_consensus_contest_and_support_rising_after_revision(db):
    call_command("load_demo")

    _page, results = demo_results()

    assert results[CONSENSUS_CLAUSE].result.mark == "consensus"
    assert results[CONTESTED_CLAUSE].result.mark == "contested"
    before, after = results[REVISED_CLAUSE].trend[0], results[REVISED_CLAUSE].trend[-1]
    assert after.agree_percent - before.agree_percent >= 20
    assert any(group.too_few for group in results[CONTESTED_CLAUSE].result.groups)


def test_demo_votes_are_loaded_once(db):
    call_command("load_demo")
    first = Vote.objects.count()
    call_command("load_demo")
    call_command("load_demo", reset=True)

    assert Vote.objects.count() == first

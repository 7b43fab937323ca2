"""`manage.py bench_results`: median time of a results page with many clauses and votes.

Everything is created inside a transaction that is rolled back, so the database is left
as it was.
"""

import statistics
import time
from datetime import timedelta

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.rich_text import RichText

from consultation.demo.loader import guidance_index, home_page
from consultation.models import Choice, GuidancePage, Perspective, ResultsVisibility, Vote


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the results page of a guidance document with many clauses and votes."

    def add_arguments(self, parser):
        parser.add_argument("--clauses", type=int, default=60)
        parser.add_argument("--votes", type=int, default=100_000)
        parser.add_argument("--runs", type=int, default=9)

    def handle(self, *, clauses, votes, runs, **options):
        try:
            with transaction.atomic():
                self.bench(clauses, votes, runs)
                raise Rollback
        except Rollback:
            pass

    def bench(self, clause_count, vote_count, runs):
        now = timezone.now()
        index = guidance_index(home_page())
        page = index.add_child(
            instance=GuidancePage(
                title="Benchmark guidance",
                slug=f"benchmark-{int(time.time())}",
                summary="Benchmark.",
                opens_at=now - timedelta(days=1),
                closes_at=now + timedelta(days=1),
                results_visibility=ResultsVisibility.ALWAYS,
                body=[
                    (
                        "clause",
                        {
                            "heading": f"Clause {n}",
                            "body": RichText(f"<p>Clause {n}.</p>"),
                            "proposition": f"Proposition {n}",
                            "plain_summary": "",
                        },
                    )
                    for n in range(1, clause_count + 1)
                ],
            )
        )
        page.save_revision().publish()
        snapshots = list(page.versions.get().clauses.all())
        perspectives = Perspective.values
        Vote.objects.bulk_create(
            (
                Vote(
                    snapshot=snapshots[n % len(snapshots)],
                    perspective=perspectives[n % len(perspectives)],
                    choice=Choice.values[(n // 7) % 5],
                )
                for n in range(vote_count)
            ),
            batch_size=5_000,
        )
        url = page.url + "results/"
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{clause_count} clauses, {vote_count} votes: GET {url}")
        for label, clear in (("uncached tallies", True), ("cached tallies", False)):
            timings = []
            for _ in range(runs):
                if clear:
                    cache.clear()
                started = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - started)
                assert response.status_code == 200, response.status_code
            median = statistics.median(timings) * 1000
            self.stdout.write(f"  {label}: median {median:.0f} ms over {runs} runs")

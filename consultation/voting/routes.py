"""Votes under a guidance page: `clauses/<short id>/vote/`, `results/`, `results/csv/`."""

from wagtail.contrib.routable_page.models import path

from consultation.voting import views


class VoteRoutes:
    """Added to GuidancePage's bases."""

    @path("clauses/<str:short_id>/vote/", name="vote")
    def vote_route(self, request, short_id):
        return views.vote(request, self, short_id)

    @path("results/", name="results")
    def results_route(self, request):
        return views.results(request, self)

    @path("results/csv/", name="results_csv")
    def results_csv_route(self, request):
        return views.results_csv(request, self)

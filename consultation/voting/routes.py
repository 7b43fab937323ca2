"""Votes under a guidance page: `clauses/<short id>/vote/`, `results/`, `results/csv/`."""

from wagtail.contrib.routable_page.models import path


class VoteRoutesMixin:
    """Added to GuidancePage's bases. Views are imported late: models import this module."""

    def get_context(self, request, *args, **kwargs):
        from consultation.voting.views import page_voting

        context = super().get_context(request, *args, **kwargs)
        context["voting"] = page_voting(request, self, error=getattr(request, "vote_error", None))
        return context

    @path("clauses/<str:short_id>/vote/", name="vote")
    def vote_route(self, request, short_id):
        from consultation.voting.views import vote

        return vote(request, self, short_id)

    @path("results/", name="results")
    def results_route(self, request):
        from consultation.voting.results_views import results

        return results(request, self)

    @path("results/csv/", name="results_csv")
    def results_csv_route(self, request):
        from consultation.voting.results_views import results_csv

        return results_csv(request, self)

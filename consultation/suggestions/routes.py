"""Suggested wording under a guidance page:

clauses/<short id>/suggest/          the form, its preview, and sending it
suggestions/<id>/support/            POST: support, or take support back
suggestions/<id>/withdraw/           the author withdraws it (until an editor acted)
suggestions/<id>/flag/               a participant flags it for moderators
"""

from wagtail.contrib.routable_page.models import path

from consultation.suggestions import views


class SuggestionRoutes:
    """Added to GuidancePage's bases."""

    @path("clauses/<str:short_id>/suggest/", name="clause_suggest")
    def clause_suggest(self, request, short_id):
        return views.suggest(request, self, clause=self.clause_by_short_id(short_id))

    @path("suggestions/<id:suggestion_id>/support/", name="suggestion_support")
    def suggestion_support(self, request, suggestion_id):
        return views.support(request, self, suggestion_id)

    @path("suggestions/<id:suggestion_id>/withdraw/", name="suggestion_withdraw")
    def suggestion_withdraw(self, request, suggestion_id):
        return views.withdraw(request, self, suggestion_id)

    @path("suggestions/<id:suggestion_id>/flag/", name="suggestion_flag")
    def suggestion_flag(self, request, suggestion_id):
        return views.flag(request, self, suggestion_id)

"""Discussion routes under a guidance page:

clauses/<short id>/discussion/        a clause's discussion; POST posts a comment or reply
discussion/                           the whole document's discussion; POST likewise
comments/<id>/reply/                  a reply form for one comment (works without JS)
comments/<id>/withdraw/               the author withdraws their comment
comments/<id>/flag/                   a participant flags a comment for moderators
comments/<id>/flagged/                the flag's confirmation, with crisis contacts
"""

from wagtail.contrib.routable_page.models import path

from consultation.discussion import views


class DiscussionRoutes:
    """Added to GuidancePage's bases."""

    @path("clauses/<str:short_id>/discussion/", name="clause_discussion")
    def clause_discussion(self, request, short_id):
        return views.discussion(request, self, clause=self.clause_by_short_id(short_id))

    @path("discussion/", name="document_discussion")
    def document_discussion(self, request):
        return views.discussion(request, self, clause=None)

    @path("comments/<id:comment_id>/reply/", name="comment_reply")
    def comment_reply(self, request, comment_id):
        return views.reply(request, self, comment_id)

    @path("comments/<id:comment_id>/withdraw/", name="comment_withdraw")
    def comment_withdraw(self, request, comment_id):
        return views.withdraw(request, self, comment_id)

    @path("comments/<id:comment_id>/flag/", name="comment_flag")
    def comment_flag(self, request, comment_id):
        return views.flag(request, self, comment_id)

    @path("comments/<id:comment_id>/flagged/", name="comment_flagged")
    def comment_flagged(self, request, comment_id):
        return views.flagged(request, self, comment_id)

"""Discussion routes under a guidance page:

clauses/<short id>/discussion/        a clause's discussion; POST posts a comment or reply
discussion/                           the whole document's discussion; POST likewise
comments/<id>/reply/                  a reply form for one comment (works without JS)
comments/<id>/withdraw/               the author withdraws their comment
comments/<id>/flag/                   a participant flags a comment for moderators
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import path


def _views():
    # Imported when a route is called: the views import the models that import this mixin.
    from consultation.discussion import views as comments

    return comments


class CommentRoutes:
    def clause_by_short_id(self, short_id: str):
        for clause in self.clauses:
            if clause.short_id == short_id:
                return clause
        raise Http404("No such clause in this document.")

    @path("clauses/<str:short_id>/discussion/", name="clause_discussion")
    def clause_discussion(self, request, short_id):
        return _views().discussion(request, self, clause=self.clause_by_short_id(short_id))

    @path("discussion/", name="document_discussion")
    def document_discussion(self, request):
        return _views().discussion(request, self, clause=None)

    @path("comments/<int:comment_id>/reply/", name="comment_reply")
    def comment_reply(self, request, comment_id):
        return _views().reply(request, self, comment_id)

    @path("comments/<int:comment_id>/withdraw/", name="comment_withdraw")
    def comment_withdraw(self, request, comment_id):
        return _views().withdraw(request, self, comment_id)

    @path("comments/<int:comment_id>/flag/", name="comment_flag")
    def comment_flag(self, request, comment_id):
        return _views().flag(request, self, comment_id)

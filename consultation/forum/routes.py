"""Routes under a forum session page:

register/          POST: take a place
cancel/            POST: give it back
attendees/         editors: who registered
attendees/csv/     editors: the same as a spreadsheet
"""

from wagtail.contrib.routable_page.models import path, re_path

from consultation.forum import views


class ForumRoutes:
    @re_path(r"^$", name="session")
    def session(self, request):
        return self.render(request)

    @path("register/", name="session_register")
    def session_register(self, request):
        return views.register(request, self)

    @path("cancel/", name="session_cancel")
    def session_cancel(self, request):
        return views.cancel(request, self)

    @path("attendees/", name="session_attendees")
    def session_attendees(self, request):
        return views.attendees(request, self)

    @path("attendees/csv/", name="session_attendees_csv")
    def session_attendees_csv(self, request):
        return views.attendees_csv(request, self)

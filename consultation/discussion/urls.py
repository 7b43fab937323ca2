"""Discussion pages that belong to the account rather than to one guidance page."""

from django.urls import path

from consultation.discussion import views

app_name = "discussion"

urlpatterns = [
    path("withdraw-all/", views.withdraw_all, name="withdraw_all"),
]

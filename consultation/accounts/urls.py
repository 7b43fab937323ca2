from django.urls import path

from consultation.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("display-name/", views.display_name, name="display_name"),
    path("contributions/", views.contributions_page, name="contributions"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.my_data_download, name="my_data_download"),
    path("my-data/confirmed/", views.my_data_confirmed, name="my_data_confirmed"),
    path("delete/", views.delete_account, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
    path("follow/<id:page_id>/", views.follow, name="follow"),
]

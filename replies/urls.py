from django.urls import path

from replies import api, views

app_name = "replies"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("replies/<int:pk>/", views.reply_detail, name="reply_detail"),
    path("replies/<int:pk>/text.txt", views.reply_text, name="reply_text"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("departments/<int:pk>/", views.department_detail, name="department_detail"),
    path("regions/<int:pk>/", views.region_detail, name="region_detail"),
    path("stats/", views.stats, name="stats"),
    path("stats/<slug:slug>.csv", views.stats_csv, name="stats_csv"),
    path("healthz", views.healthz, name="healthz"),
    path("api/search", api.search_view, name="api_search"),
    path("api/replies/<int:pk>", api.reply_view, name="api_reply"),
]

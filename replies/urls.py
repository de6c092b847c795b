from django.urls import path

from replies import api, views

app_name = "replies"

urlpatterns = [
    path("", views.home, name="home"),
    path("replies/<int:pk>/", views.reply_detail, name="reply_detail"),
    path("healthz", views.healthz, name="healthz"),
    path("api/search", api.search_view, name="api_search"),
    path("api/replies/<int:pk>", api.reply_view, name="api_reply"),
]

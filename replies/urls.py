from django.urls import path

from replies import views

app_name = "replies"

urlpatterns = [
    path("", views.home, name="home"),
    path("replies/<int:pk>/", views.reply_detail, name="reply_detail"),
    path("healthz", views.healthz, name="healthz"),
]

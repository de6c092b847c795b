from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("replies.urls")),
]

handler400 = "replies.errors.bad_request"
handler403 = "replies.errors.permission_denied"
handler404 = "replies.errors.page_not_found"
handler500 = "replies.errors.server_error"

from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "replies"
    verbose_name = "答复档案"
    default_auto_field = "django.db.models.BigAutoField"

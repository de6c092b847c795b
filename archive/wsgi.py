"""WSGI entry point (gunicorn archive.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
application = get_wsgi_application()

# Load jieba's dictionary (~1 s) while the worker starts, not on the first user's search.
from replies import search  # noqa: E402

search.segmenter()

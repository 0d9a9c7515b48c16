"""WSGI entry point (waitress in embedded mode, gunicorn or similar in production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homecoming.site.settings")
application = get_wsgi_application()

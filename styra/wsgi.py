import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.settings")
# Served by a WSGI server (gunicorn, uWSGI, mod_wsgi), Styra is production unless told
# otherwise: a forgotten STYRA_DEBUG must not give the world Django's debug page. The
# developer's `styra runserver` has read the settings before this module and is not affected.
os.environ.setdefault("STYRA_DEBUG", "0")
application = get_wsgi_application()

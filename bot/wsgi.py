"""The WSGI entry point for gunicorn: `gunicorn --preload bot.wsgi:app`.

With --preload the app is built once in the master and the workers fork from it, so the
classifier's memory is shared and no worker answers its first webhooks while still loading
(a cold worker can miss LINE's 2-second deadline).
"""

from __future__ import annotations

from bot import create_app
from bot.wsgi_warm_up import warm_up_before_fork

app = create_app()
# Word lists, PyThaiNLP's dictionary and the content's search indexes load on first use: do it
# here, before the fork, not on a request.
warm_up_before_fork(app)

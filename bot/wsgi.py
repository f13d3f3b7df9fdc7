"""The WSGI entry point for gunicorn: `gunicorn --preload bot.wsgi:app`.

With --preload the app is built once in the master and the workers fork from it, so the
classifier's memory is shared and no worker answers its first webhooks while still loading
(a cold worker can miss LINE's 2-second deadline).
"""

from __future__ import annotations

from bot import create_app
from bot.content.answers import warm_up
from bot.content.thai import tokens
from bot.core import i18n

app = create_app()
# PyThaiNLP's dictionary and the answers' word lists load on first use: do it here, before the
# fork, not on a request.
tokens("ค่าแรงขั้นต่ำจังหวัดปัตตานี")
warm_up()
i18n.warm_up()  # the Malay catalogue, read once in the master

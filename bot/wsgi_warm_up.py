"""What gunicorn's master loads before it forks the workers (bot/wsgi.py).

Everything an answer reads lazily and keeps (PyThaiNLP's dictionary, the answers' word lists,
the message catalogue, the content snapshot and its BM25 indexes) is loaded here once, so a
worker's first answer costs what its hundredth does, and the workers share those pages of memory.
"""

from __future__ import annotations

import logging

from flask import Flask

from bot.content.answers import warm_up, warm_up_content
from bot.content.thai import tokens
from bot.core import i18n
from bot.core.db import get_engine, get_session

log = logging.getLogger(__name__)


def warm_up_before_fork(app: Flask) -> None:
    """Load the word lists and, when the database has content, the content's indexes."""
    tokens("ค่าแรงขั้นต่ำจังหวัดปัตตานี")
    warm_up()
    i18n.warm_up()  # the Malay catalogue
    with app.app_context():
        session = get_session()
        try:
            warm_up_content(session)
        except Exception:
            # A database not migrated or not reachable yet must not stop the web process: the
            # first answers then build the indexes themselves.
            log.warning("wsgi.content_warm_up_failed", exc_info=True)
        finally:
            session.close()
            # Connections opened in the master must not be shared by the forked workers.
            get_engine().dispose()

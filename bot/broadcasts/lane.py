"""One lane of a broadcast: senders that take pending batches under row locks until none is left.

Each sender takes the next pending batch with SELECT ... FOR UPDATE SKIP LOCKED, sends it under
its stored retry key and records LINE's answer in the same transaction. A sender that dies
(its worker killed) loses its lock with its connection, and the batch is pending again for the
others; the retry key makes LINE answer 409 if the first try had landed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from linebot.v3.messaging.models import Message
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.broadcasts.models import BatchStatus, BroadcastBatch
from bot.broadcasts.sender import Sender
from bot.broadcasts.service import finish_if_done

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05


def drain(
    sessions: sessionmaker[Session],
    sender: Sender,
    broadcast_id: int,
    via: str,
    messages: list[Message],
    now: Callable[[], datetime],
    *,
    senders: int = 1,
) -> int:
    """Send pending batches with `senders` threads until none is left; how many were sent."""
    if senders == 1:
        return _drain(sessions, sender, broadcast_id, via, messages, now)
    with ThreadPoolExecutor(senders, thread_name_prefix=f"broadcast-{broadcast_id}") as pool:
        running = [
            pool.submit(_drain, sessions, sender, broadcast_id, via, messages, now)
            for _ in range(senders)
        ]
        return sum(future.result() for future in running)


def _drain(
    sessions: sessionmaker[Session],
    sender: Sender,
    broadcast_id: int,
    via: str,
    messages: list[Message],
    now: Callable[[], datetime],
) -> int:
    sent = 0
    with sessions() as session:
        while True:
            with session.begin():
                batch = session.scalars(
                    select(BroadcastBatch)
                    .where(
                        BroadcastBatch.broadcast_id == broadcast_id,
                        BroadcastBatch.status == BatchStatus.PENDING,
                    )
                    .order_by(BroadcastBatch.seq)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                ).first()
                if batch is not None:
                    _send_batch(sender, via, messages, batch, now())
                    sent += 1
                    continue
                if finish_if_done(session, broadcast_id, now()):
                    log.info("broadcast.finished", extra={"broadcast_id": broadcast_id})
                    return sent
                waiting = session.scalar(
                    select(BroadcastBatch.id).where(
                        BroadcastBatch.broadcast_id == broadcast_id,
                        BroadcastBatch.status == BatchStatus.PENDING,
                    )
                )
                if waiting is None:
                    return sent  # another sender closed it meanwhile
            # Every pending batch is locked by another sender: wait, in case that one dies.
            time.sleep(POLL_SECONDS)


def _send_batch(
    sender: Sender, via: str, messages: list[Message], batch: BroadcastBatch, now: datetime
) -> None:
    # LINE's broadcast endpoint has no "to": its one batch only records who it reached.
    user_ids = [] if via == "broadcast" else batch.user_ids
    result = sender.send(via, user_ids, messages, batch.retry_key, batch.attempts)
    batch.attempts = result.attempts
    batch.http_status = result.http_status
    batch.request_id = result.request_id
    batch.error = result.error
    batch.status = BatchStatus.ACCEPTED if result.accepted else BatchStatus.FAILED
    batch.finished_at = now
    if not result.accepted:
        log.warning(
            "broadcast.batch_failed",
            extra={"broadcast_id": batch.broadcast_id, "seq": batch.seq, "error": result.error},
        )

"""One lane of a broadcast: senders that take pending batches under row locks until none is left.

Each sender takes the next few pending batches with SELECT ... FOR UPDATE SKIP LOCKED, sends
them at once (each under its stored retry key) and records LINE's answers in the same
transaction. A sender that dies (its worker killed) loses its locks with its connection, and
its batches are pending again for the others; the retry key makes LINE answer 409 for any
whose first try had landed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from linebot.v3.messaging.models import Message
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.broadcasts.models import BatchStatus, BroadcastBatch
from bot.broadcasts.sender import BatchResult, Sender
from bot.broadcasts.service import complete_freeze, cut_unfinished, finish_if_done

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05
# Batches a sender claims in one transaction and sends side by side. Claiming, recording the
# answers and committing cost a sender about as long as sending one batch (20-45 ms against
# ~24 ms, profiled), so one batch per transaction kept 8 senders under LINE's 200 requests/s;
# four per transaction pay those round trips once for four requests in flight.
BATCHES_PER_CLAIM = 4


# Each language's messages; a batch is sent what its language maps to (Broadcast.messages_in).
Messages = Mapping[str, list[Message]]


def drain(
    sessions: sessionmaker[Session],
    sender: Sender,
    broadcast_id: int,
    via: str,
    messages: Messages,
    now: Callable[[], datetime],
    *,
    senders: int = 1,
    per_claim: int = BATCHES_PER_CLAIM,
) -> int:
    """Send pending batches with `senders` threads until none is left; how many were sent.

    Each sender claims up to `per_claim` batches at a time and has them in flight together.
    """
    if senders == 1:
        return _drain(sessions, sender, broadcast_id, via, messages, now, per_claim)
    with ThreadPoolExecutor(senders, thread_name_prefix=f"broadcast-{broadcast_id}") as pool:
        running = [
            pool.submit(_drain, sessions, sender, broadcast_id, via, messages, now, per_claim)
            for _ in range(senders)
        ]
        return sum(future.result() for future in running)


def _drain(
    sessions: sessionmaker[Session],
    sender: Sender,
    broadcast_id: int,
    via: str,
    messages: Messages,
    now: Callable[[], datetime],
    per_claim: int,
) -> int:
    sent = 0
    # The requests of one claim go out side by side; the row locks, the answers and the
    # commit stay on this thread (a session is not shared between threads).
    pool = ThreadPoolExecutor(per_claim, thread_name_prefix=f"broadcast-{broadcast_id}-send")
    with pool, sessions() as session:
        while True:
            with session.begin():
                batches = session.scalars(
                    select(BroadcastBatch)
                    .where(
                        BroadcastBatch.broadcast_id == broadcast_id,
                        BroadcastBatch.status == BatchStatus.PENDING,
                    )
                    .order_by(BroadcastBatch.seq)
                    .limit(per_claim)
                    .with_for_update(skip_locked=True)
                ).all()
                if batches:
                    _send_batches(pool, sender, via, messages, batches, now)
                    sent += len(batches)
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
                    if not cut_unfinished(session, broadcast_id):
                        return sent  # another sender closed it meanwhile
                    # The lane cutting the rest of the audience died (or is still at it:
                    # its row lock is held, and this sender waits).
                    if complete_freeze(session, broadcast_id) is not None:
                        continue
            # Every pending batch is locked by another sender: wait, in case that one dies.
            time.sleep(POLL_SECONDS)


def _send_batches(
    pool: ThreadPoolExecutor,
    sender: Sender,
    via: str,
    messages: Messages,
    batches: Sequence[BroadcastBatch],
    now: Callable[[], datetime],
) -> None:
    """Send the claimed batches at once and record each answer on its row (not committed)."""
    # LINE's broadcast endpoint has no "to": its one batch only records who it reached.
    in_flight = [
        pool.submit(
            sender.send,
            via,
            [] if via == "broadcast" else batch.user_ids,
            messages[batch.language],
            batch.retry_key,
            batch.attempts,
        )
        for batch in batches
    ]
    for batch, result in zip(batches, in_flight, strict=True):
        _record(batch, result.result(), now())


def _record(batch: BroadcastBatch, result: BatchResult, now: datetime) -> None:
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

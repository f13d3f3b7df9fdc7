"""Audiences (user-id lists uploaded by the bot) and the narrowcast recipient objects over them.

Kept apart from the views (linesim/api/audiences.py) so ChannelState can own and reset it. Of LINE's
narrowcast targeting the emulator evaluates recipient objects: `audience`, `redelivery` and the
`operator` object (`and`, `or`, `not`). Demographic filters need data the emulator does not have
(age, gender, area, OS), so a request that uses one is refused instead of reaching everybody.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from linesim.checks import Details
from linesim.errors import detail

MAX_DESCRIPTION = 120
MAX_UPLOAD = 10_000
# LINE: up to 10 audience or redelivery objects in one request, however they are combined.
MAX_RECIPIENT_LEAVES = 10
AUDIENCE_LIFETIME_SECONDS = 180 * 24 * 3600


@dataclass
class AudienceGroup:
    """One uploaded audience: its id, name and the user ids in it."""

    audience_group_id: int
    description: str
    created: int  # seconds since the epoch, as LINE's audience API counts
    user_ids: set[str] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        """The audienceGroup object of GET /v2/bot/audienceGroup/{id}."""
        return {
            "audienceGroupId": self.audience_group_id,
            "type": "UPLOAD",
            "description": self.description,
            "status": "READY",
            "audienceCount": len(self.user_ids),
            "created": self.created,
            "permission": "READ_WRITE",
            "createRoute": "MESSAGING_API",
            "isIfaAudience": False,
            "expireTimestamp": self.created + AUDIENCE_LIFETIME_SECONDS,
        }


class AudienceGroups:
    """Every audience of the channel, by id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._groups: dict[int, AudienceGroup] = {}
        # LINE's audience ids are large integers; start high so they look like them.
        self._ids = itertools.count(4_000_000_000_000)

    def create(self, description: str, user_ids: Iterable[str], created: int) -> AudienceGroup:
        """A new audience holding `user_ids`."""
        with self._lock:
            group = AudienceGroup(next(self._ids), description, created, set(user_ids))
            self._groups[group.audience_group_id] = group
            return group

    def add(self, audience_group_id: int, user_ids: Iterable[str]) -> bool:
        """Add users to an audience; False when there is no such audience."""
        with self._lock:
            group = self._groups.get(audience_group_id)
            if group is None:
                return False
            group.user_ids.update(user_ids)
            return True

    def get(self, audience_group_id: int) -> AudienceGroup | None:
        """One audience, or None."""
        with self._lock:
            return self._groups.get(audience_group_id)

    def members(self, audience_group_id: int) -> set[str] | None:
        """A copy of an audience's user ids, or None when there is no such audience."""
        with self._lock:
            group = self._groups.get(audience_group_id)
            return None if group is None else set(group.user_ids)


class RecipientError(ValueError):
    """The narrowcast's recipient (or filter) cannot be evaluated; `details` say where and why."""

    def __init__(self, details: Details) -> None:
        super().__init__("; ".join(d["message"] for d in details))
        self.details = details


@dataclass(frozen=True)
class Targeting:
    """What a recipient object may draw on: followers, audiences, earlier narrowcasts."""

    followers: list[str]
    audiences: AudienceGroups
    narrowcast_targets: Callable[[str], list[str] | None]


def narrowcast_targets(body: dict[str, Any], targeting: Targeting) -> list[str]:
    """Followers the narrowcast reaches, in follow order; RecipientError when not evaluable."""
    if body.get("filter") is not None:
        raise RecipientError(
            [detail("filter", "Demographic filters are not supported by linesim")]
        )
    recipient = body.get("recipient")
    if recipient is None:
        return list(targeting.followers)
    leaves = _count_leaves(recipient)
    if leaves > MAX_RECIPIENT_LEAVES:
        raise RecipientError(
            [detail("recipient", f"Up to {MAX_RECIPIENT_LEAVES} recipient objects are allowed")]
        )
    chosen = _evaluate(recipient, "recipient", targeting)
    return [user_id for user_id in targeting.followers if user_id in chosen]


def _count_leaves(recipient: Any) -> int:
    if not isinstance(recipient, dict) or recipient.get("type") != "operator":
        return 1
    children = list(recipient.get("and") or []) + list(recipient.get("or") or [])
    if recipient.get("not") is not None:
        children.append(recipient["not"])
    return sum(_count_leaves(child) for child in children)


def _evaluate(recipient: Any, where: str, targeting: Targeting) -> set[str]:
    if not isinstance(recipient, dict):
        raise RecipientError([detail(where, "Must be a recipient object")])
    kind = recipient.get("type")
    if kind == "audience":
        group_id = recipient.get("audienceGroupId")
        if not isinstance(group_id, int) or isinstance(group_id, bool):
            raise RecipientError([detail(f"{where}.audienceGroupId", "Must be an integer")])
        members = targeting.audiences.members(group_id)
        if members is None:
            raise RecipientError([detail(f"{where}.audienceGroupId", "Audience not found")])
        return members
    if kind == "redelivery":
        request_id = recipient.get("requestId")
        earlier = (
            targeting.narrowcast_targets(request_id) if isinstance(request_id, str) else None
        )
        if earlier is None:
            raise RecipientError([detail(f"{where}.requestId", "Narrowcast request not found")])
        return set(earlier)
    if kind == "operator":
        return _operator(recipient, where, targeting)
    raise RecipientError(
        [detail(f"{where}.type", "Must be one of audience, redelivery, operator")]
    )


def _operator(recipient: dict[str, Any], where: str, targeting: Targeting) -> set[str]:
    given = [name for name in ("and", "or", "not") if recipient.get(name) is not None]
    if len(given) != 1:
        raise RecipientError([detail(where, "Exactly one of and, or, not is required")])
    name = given[0]
    if name == "not":
        excluded = _evaluate(recipient["not"], f"{where}.not", targeting)
        return set(targeting.followers) - excluded
    children = recipient[name]
    if not isinstance(children, list) or not children:
        raise RecipientError([detail(f"{where}.{name}", "Must be a non-empty array")])
    sets = [
        _evaluate(child, f"{where}.{name}[{index}]", targeting)
        for index, child in enumerate(children)
    ]
    return set.intersection(*sets) if name == "and" else set.union(*sets)

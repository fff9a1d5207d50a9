"""Deterministic, lazily computed data sets: record ``i`` is a pure function of (seed, i).

Nothing is held in memory, so a fake with a million records costs no more than one with ten.
Record 0 is the newest; ``created_at`` decreases strictly with the index, so date filters are
a binary search. Identifiers are UUIDs whose low 48 bits encode the index, so a record is found
by ID without a table.
"""

from __future__ import annotations

import bisect
import datetime
import email.utils
import uuid
from collections.abc import Callable
from typing import Any

_MASK48 = (1 << 48) - 1
_MUL48 = 0x9E3779B97F4B  # odd, so invertible modulo 2**48
_INV48 = pow(_MUL48, -1, 1 << 48)

NEWEST = datetime.datetime(2024, 6, 14, 18, 0, tzinfo=datetime.UTC)
SPAN = datetime.timedelta(weeks=6)

# (status, weight) and the reasons failures carry, as SignalWire reports them.
MESSAGE_STATUSES = [
    ("delivered", 58), ("received", 16), ("sent", 8), ("failed", 7),
    ("undelivered", 6), ("queued", 3), ("initiated", 2),
]  # fmt: skip
MESSAGE_ERRORS = [
    ("30001", "Queue overflow"),
    ("30003", "Unreachable destination handset"),
    ("30005", "Unknown destination handset"),
    ("30006", "Landline or unreachable carrier"),
    ("30007", "Message filtered by the carrier"),
    ("21610", "Attempt to send to unsubscribed recipient"),
    ("21601", "From number is not a SMS-capable phone number."),
]
FAX_STATUSES = [
    ("completed", 78), ("failed", 9), ("busy", 4), ("no-answer", 4),
    ("canceled", 2), ("in-progress", 2), ("queued", 1),
]  # fmt: skip
FAX_ERRORS = [  # the first is by far the most common
    ("34004", "The call dropped prematurely"),
    ("34004", "The call dropped prematurely"),
    ("34004", "The call dropped prematurely"),
    ("34003", "The remote fax machine did not answer"),
    ("34006", "Fax transmission error: the document could not be received"),
]

NUMBERS = [f"+1{area}555{n:04d}" for area in (206, 207, 212, 415, 512) for n in (1212, 3434, 7788)]


def _mix(value: int) -> int:
    """A cheap deterministic hash (splitmix64)."""
    value = (value + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return value ^ (value >> 31)


def _weighted(choices: list[tuple[str, int]], roll: int) -> str:
    total = sum(weight for _, weight in choices)
    roll %= total
    for value, weight in choices:
        if roll < weight:
            return value
        roll -= weight
    raise AssertionError("unreachable")


def _iso(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _burst(position: float) -> float:
    """Where (0 newest .. 1 oldest) record ``position`` of a bursty set falls in the span:
    80% of the records in the middle 10% of it. Increasing, so times still strictly decrease."""
    if position < 0.1:
        return position * 4.5
    if position < 0.9:
        return 0.45 + (position - 0.1) * 0.125
    return 0.55 + (position - 0.9) * 4.5


class DataSet:
    """``count`` records of one family, computed on demand."""

    def __init__(self, family: int, count: int, seed: int, *, bursty: bool = False) -> None:
        if count < 0:
            raise ValueError("count must be >= 0")
        self.family = family
        self.count = count
        self.seed = seed
        self.bursty = bursty
        self._step = SPAN / max(count, 1)

    @property
    def step(self) -> datetime.timedelta:
        """The time between two records (on average, when bursty)."""
        return self._step

    def rng(self, index: int, salt: int = 0) -> int:
        return _mix((self.seed << 40) ^ (self.family << 32) ^ (salt << 50) ^ index)

    def _key(self, salt: int) -> int:
        return self.rng(0, 13 + salt) & _MASK48

    def make_id(self, index: int, salt: int = 0) -> str:
        high = self.rng(index, salt + 7) << 64 | self.rng(index, salt + 11)
        low = ((index ^ self._key(salt)) * _MUL48) & _MASK48
        return str(uuid.UUID(int=(high & ~_MASK48) | low, version=4))

    def index_of(self, value: str, salt: int = 0) -> int | None:
        """The index whose ID is ``value``, or None."""
        try:
            parsed = uuid.UUID(value)
        except (ValueError, AttributeError, TypeError):
            return None
        index = (((parsed.int & _MASK48) * _INV48) & _MASK48) ^ self._key(salt)
        if index < self.count and self.make_id(index, salt) == str(parsed):
            return index
        return None

    def created_at(self, index: int) -> datetime.datetime:
        # Strictly decreasing: each record gets a slot of `step`, jittered inside it.
        jitter = (self.rng(index, 3) % 1000) / 1000 * 0.9
        if self.bursty:
            moment = NEWEST - SPAN * _burst((index + jitter) / max(self.count, 1))
        else:
            moment = NEWEST - self._step * (index + jitter)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)

    def log(self, index: int, base: str, project_id: str) -> dict[str, Any]:
        """Record ``index`` as the API sends it (links in it point at ``base``)."""
        raise NotImplementedError

    def deleted(self, index: int) -> bool:
        return self.rng(index, 5) % 29 == 0

    def first_index_before(self, moment: datetime.datetime) -> int:
        """The first index whose created_at is strictly before ``moment``."""
        return bisect.bisect_left(
            range(self.count), True, key=lambda i: self.created_at(i) < moment
        )

    def first_index_at_or_before(self, moment: datetime.datetime) -> int:
        return bisect.bisect_left(
            range(self.count), True, key=lambda i: self.created_at(i) <= moment
        )


class MessageLogs(DataSet):
    """Message logs and, for the LaML ones, the cXML messages they point to."""

    def log(self, index: int, base: str, project_id: str) -> dict[str, Any]:
        r = self.rng(index)
        status = _weighted(MESSAGE_STATUSES, r)
        laml = (r >> 8) % 10 < 7
        kind = "mms" if (r >> 12) % 8 == 0 else "sms"
        segments = 1 + (r >> 16) % 3 if kind == "sms" else 1
        direction = (
            "inbound"
            if status == "received"
            else ("outbound-api", "outbound-reply")[(r >> 20) % 4 == 0]
        )
        rate = 0.00415 if direction == "inbound" else 0.0079
        charge = round(segments * rate, 5)
        label = f"{'Inbound' if direction == 'inbound' else 'Outbound'} {kind.upper()}"
        error_code: str | None = None
        error_message: str | None = None
        if status in ("failed", "undelivered"):
            error_code, error_message = MESSAGE_ERRORS[(r >> 24) % len(MESSAGE_ERRORS)]
            if not laml and (r >> 28) % 3 == 0:
                error_code = None  # some Relay failures carry a message but no code
        parties = NUMBERS[(r >> 32) % len(NUMBERS)], NUMBERS[(r >> 36) % len(NUMBERS)]
        return {
            "id": self.make_id(index),
            "from": parties[0],
            "to": parties[1],
            "status": status,
            "direction": direction,
            "kind": kind,
            "source": "laml" if laml else "realtime_api",
            "type": "laml_message" if laml else "relay_message",
            "url": (
                f"{base}/api/laml/2010-04-01/Accounts/{project_id}/Messages/{self.sid(index)}"
                if laml
                else None
            ),
            "number_of_segments": segments,
            "charge": charge,
            "charge_details": [{"description": label, "charge": charge}],
            "created_at": _iso(self.created_at(index)),
            "error_message": error_message,
            "error_code": error_code,
        }

    def sid(self, index: int) -> str:
        return self.make_id(index, salt=1)

    def is_laml(self, index: int) -> bool:
        return (self.rng(index) >> 8) % 10 < 7

    def cxml_message(self, index: int, project_id: str) -> dict[str, Any]:
        log = self.log(index, "", project_id)
        r = self.rng(index, 9)
        created = self.created_at(index)
        sent = None if log["status"] in ("queued", "initiated") else created
        sid = self.sid(index)
        uri = f"/api/laml/2010-04-01/Accounts/{project_id}/Messages/{sid}"
        return {
            "account_sid": project_id,
            "api_version": "2010-04-01",
            "body": None if r % 50 == 0 else f"Your code is {r % 1000000:06d}",
            "num_segments": log["number_of_segments"],
            "num_media": 1 if log["kind"] == "mms" else 0,
            "date_created": email.utils.format_datetime(created),
            "date_sent": email.utils.format_datetime(sent) if sent else None,
            "date_updated": email.utils.format_datetime(created + datetime.timedelta(seconds=3)),
            "direction": log["direction"],
            "error_code": log["error_code"],
            "error_message": log["error_message"],
            "from": log["from"],
            "price": None if log["status"] in ("queued", "initiated") else log["charge"],
            "price_unit": "USD",
            "sid": sid,
            "status": log["status"],
            "to": log["to"],
            "messaging_service_sid": self.make_id(r % 3, salt=2) if r % 4 == 0 else None,
            "uri": f"{uri}.json",
            "subresource_uris": {"media": f"{uri}/Media.json"},
        }


class FaxLogs(DataSet):
    """Fax logs."""

    def log(self, index: int, base: str, project_id: str) -> dict[str, Any]:
        r = self.rng(index)
        status = _weighted(FAX_STATUSES, r)
        inbound = (r >> 8) % 3 == 0
        transmitted = status in ("completed", "in-progress")
        pages = 1 + (r >> 12) % 12 if transmitted else None
        charge = round((pages or 0) * 0.01, 5)
        error_code: str | None = None
        error_message: str | None = None
        if status == "failed":
            error_code, error_message = FAX_ERRORS[(r >> 16) % len(FAX_ERRORS)]
        parties = NUMBERS[(r >> 20) % len(NUMBERS)], NUMBERS[(r >> 24) % len(NUMBERS)]
        fax_sid = self.make_id(index, salt=1)
        return {
            "id": self.make_id(index),
            "from": None if (r >> 28) % 25 == 0 else parties[0],
            "to": parties[1],
            "status": status,
            "direction": "inbound" if inbound else "outbound-api",
            "source": "laml",
            "type": "laml_call",
            "url": f"{base}/api/laml/2010-04-01/Accounts/{project_id}/Faxes/{fax_sid}",
            "remote_station": "HP-OfficeJet-Pro" if (r >> 32) % 10 == 0 else None,
            "charge": charge,
            "number_of_pages": pages,
            "quality": ("fine", "standard", "superfine")[(r >> 36) % 3] if transmitted else None,
            "charge_details": [{"description": "Fax pages", "charge": charge}] if charge else [],
            "created_at": _iso(self.created_at(index)),
            "error_code": error_code,
            "error_message": error_message,
        }


RecordFactory = Callable[[int, str, str], dict[str, Any]]


VOICE_STATUSES = [
    ("completed", 70), ("no-answer", 8), ("busy", 6), ("failed", 5), ("canceled", 5),
    ("in-progress", 3), ("ringing", 2), ("queued", 1),
]  # fmt: skip
VOICE_TYPES = [
    ("laml_call", 40), ("relay_pstn_call", 20), ("relay_sip_call", 10), ("relay_webrtc_call", 5),
    ("video_room_pstn_leg", 8), ("video_room_sip_leg", 4), ("dialogflow_call", 6),
    ("fabric_subscriber_device_leg", 7),
]  # fmt: skip
VOICE_EVENTS = ["calling_call_initiated", "calling_call_ringing", "calling_call_answered",
                "calling_call_ended"]  # fmt: skip


def _discarded(data: DataSet, index: int) -> dict[str, Any]:
    """A deleted voice or video log, as include_deleted shows it: three fields only."""
    created = data.created_at(index)
    return {
        "id": data.make_id(index),
        "discarded_at": _iso(created + datetime.timedelta(days=2)),
        "created_at": _iso(created),
    }


class VoiceLogs(DataSet):
    """Voice logs in their five shapes (Relay/LaML, video-room leg, Dialogflow, Fabric,
    deleted), and the events of each call."""

    def log(self, index: int, base: str, project_id: str) -> dict[str, Any]:
        if self.deleted(index):
            return _discarded(self, index)
        r = self.rng(index)
        kind = _weighted(VOICE_TYPES, r)
        status = _weighted(VOICE_STATUSES, r >> 8)
        talked = status in ("completed", "in-progress")
        duration = (r >> 16) % 600 if talked else 0
        charge = round((duration + 59) // 60 * 0.0085, 5)
        record: dict[str, Any] = {
            "id": self.make_id(index),
            "from": NUMBERS[(r >> 28) % len(NUMBERS)],
            "to": NUMBERS[(r >> 32) % len(NUMBERS)],
            "source": {"laml_call": "laml", "dialogflow_call": "dialogflow"}.get(
                kind, "realtime_api"
            ),
            "charge": charge,
            "charge_details": [{"description": "Voice minutes", "charge": charge}]
            if charge
            else [],
            "created_at": _iso(self.created_at(index)),
            "type": kind,
            "url": None,
        }
        if kind != "dialogflow_call":
            record["direction"] = ("inbound", "outbound", "outbound-api", "outbound-dial")[
                (r >> 24) % 4
            ]
        record["status"] = None if kind == "fabric_subscriber_device_leg" else status
        if kind != "fabric_subscriber_device_leg":
            record["duration"] = duration
        if kind not in ("dialogflow_call", "fabric_subscriber_device_leg"):
            record["duration_ms"] = duration * 1000 + (r >> 40) % 1000
        if kind in ("laml_call", "relay_pstn_call", "relay_sip_call", "relay_webrtc_call"):
            record["billing_ms"] = (duration + 59) // 60 * 60000
            record["parent_id"] = self.make_id(index + 1) if (r >> 44) % 10 == 0 else None
        return record

    def events(self, index: int, project_id: str) -> list[dict[str, Any]]:
        if self.deleted(index):
            return []
        created = self.created_at(index)
        count = 2 + self.rng(index, 17) % 3
        return [
            {
                "event_at": _iso(created + datetime.timedelta(seconds=3 * n)),
                "level": "info",
                "name": VOICE_EVENTS[min(n, len(VOICE_EVENTS) - 1)],
                "details": {"step": n},
                "project_id": project_id,
                "log_id": self.make_id(index),
            }
            for n in range(count)
        ]


class VideoLogs(DataSet):
    """Video logs: room and conference sessions, and deleted ones."""

    def log(self, index: int, base: str, project_id: str) -> dict[str, Any]:
        if self.deleted(index):
            return _discarded(self, index)
        r = self.rng(index)
        created = self.created_at(index)
        live = (r >> 8) % 20 == 0
        minutes = 1 + (r >> 12) % 90
        charge = 0.0 if live else round(minutes * 0.0035, 5)
        session = self.make_id(index, salt=1)
        return {
            "id": self.make_id(index),
            "source": "realtime_api",
            "type": ("video_room_session", "video_conference_session")[(r >> 4) % 2],
            "url": f"{base}/api/video/room_sessions/{session}",
            "room_name": None if (r >> 20) % 7 == 0 else f"room-{(r >> 24) % 40:02d}",
            "status": "in-progress" if live else "completed",
            "locked": (r >> 28) % 9 == 0,
            "started_at": _iso(created),
            "ended_at": None if live else _iso(created + datetime.timedelta(minutes=minutes)),
            "charge": charge,
            "created_at": _iso(created),
            "charge_details": [{"description": "Video minutes", "charge": charge}]
            if charge
            else [],
        }


class ConferenceLogs(DataSet):
    """Conferences in their three shapes: cXML, Relay and video sessions."""

    def log(self, index: int, base: str, project_id: str) -> dict[str, Any]:
        r = self.rng(index)
        created = self.created_at(index)
        kind = ("cxml_conference", "relay_conference", "video_conference_session")[r % 3]
        live = (r >> 8) % 15 == 0
        record: dict[str, Any] = {
            "id": self.make_id(index),
            "created_at": _iso(created),
            "type": kind,
        }
        if kind == "video_conference_session":
            minutes = 1 + (r >> 12) % 60
            charge = "0.0" if live else f"{minutes * 0.0035:.4f}"
            record |= {
                "source": "realtime_api",
                "url": f"{base}/api/video/room_sessions/{record['id']}",
                "room_name": f"room-{(r >> 20) % 40:02d}",
                "status": "in-progress" if live else "completed",
                "locked": False,
                "started_at": _iso(created),
                "ended_at": None if live else _iso(created + datetime.timedelta(minutes=minutes)),
                "charge": charge,
                "charge_details": []
                if live
                else [{"description": "Video minutes", "charge": charge}],
            }
            return record
        record |= {
            "project_id": project_id,
            "region": ("us1", "us2", "eu1")[(r >> 16) % 3],
            "name": f"conference-{(r >> 20) % 100}",
            "status": "in-progress" if live else "completed",
            "max_size": (None, 10, 50, 250)[(r >> 24) % 4],
            "current_participants": 1 + (r >> 28) % 5 if live else 0,
            "updated_at": _iso(created + datetime.timedelta(minutes=1 + (r >> 32) % 60)),
        }
        if kind == "relay_conference":
            recorded = (r >> 36) % 3 == 0
            record |= {
                "recording_url": f"{base}/recordings/{record['id']}.mp3" if recorded else None,
                "recording_duration": (r >> 40) % 3600 if recorded else None,
                "recording_file_size": (r >> 40) % 3600 * 16000 if recorded else None,
            }
        return record

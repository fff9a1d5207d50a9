"""`is UNSET` / `is not UNSET` narrow a field (the README's idiom), imported from the package."""

from signalwire_logs import UNSET, SignalWireLogs, Unset, VoiceLog


def duration(call: VoiceLog) -> int:
    if call.duration is UNSET or call.duration is None:
        return 0
    return call.duration  # narrowed to int


def longest(client: SignalWireLogs) -> VoiceLog:
    calls = [c for c in client.voice_logs.list(limit=100) if c.duration is not UNSET]
    return max(calls, key=duration)


def value_or_default(call: VoiceLog) -> str:
    # `x if x is not UNSET else default` is the documented "value or default" idiom.
    direction = call.direction if call.direction is not UNSET else None
    return str(direction)


def must_narrow(call: VoiceLog) -> int:
    return call.duration + 1  # type: ignore[operator]


def unset_is_its_own_type(value: int | Unset) -> int:
    return 0 if isinstance(value, Unset) else value

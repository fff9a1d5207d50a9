"""The former name of `signalwire_logs.error_codes`: what SignalWire's error codes mean.

It holds no exceptions (those are `SignalWireError` and its subclasses, in
`signalwire_logs`): it re-exports `explain` and `ErrorCode` from
`signalwire_logs.error_codes`, so that `from signalwire_logs.errors import explain` goes on
working. New code imports from `signalwire_logs.error_codes`.
"""

from .error_codes import ErrorCode, explain

__all__ = ["ErrorCode", "explain"]

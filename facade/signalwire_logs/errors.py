"""The former name of :mod:`signalwire_logs.error_codes`: what SignalWire's error codes mean.

It holds no exceptions (those are ``signalwire_logs.SignalWireError`` and its subclasses):
it re-exports :func:`~signalwire_logs.error_codes.explain` and
:class:`~signalwire_logs.error_codes.ErrorCode` so that ``from signalwire_logs.errors import
explain`` goes on working. New code imports from :mod:`signalwire_logs.error_codes`.
"""

from .error_codes import ErrorCode, explain

__all__ = ["ErrorCode", "explain"]

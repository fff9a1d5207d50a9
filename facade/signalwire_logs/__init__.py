"""signalwire-logs: a typed client for SignalWire message, fax and cXML logs."""

from signalwire_logs_api import AuthenticatedClient, Client

__all__ = ["AuthenticatedClient", "Client"]

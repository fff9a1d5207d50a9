"""A client library for accessing SignalWire logs (messaging, fax, cXML messages)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

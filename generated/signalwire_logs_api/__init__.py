"""A client library for accessing SignalWire logs (messaging, fax, voice, video, conferences, cXML messages)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

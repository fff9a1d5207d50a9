"""signalwire-logs: a typed client for SignalWire's logs and cXML messages.

    from signalwire_logs import SignalWireLogs

    client = SignalWireLogs()  # SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN, SIGNALWIRE_SPACE
    for log in client.message_logs.list(created_after="2024-05-01"):
        print(log.id, log.status, log.error_code)

The records are the models generated from the patched OpenAPI spec (``signalwire_logs_api``);
the common ones are re-exported here.
"""

from signalwire_logs_api.models import (
    ChargeDetail,
    ConferenceLog,
    ConferenceLogType,
    CxmlMessage,
    CxmlMessageDirection,
    CxmlMessageStatus,
    FaxLog,
    FaxLogDirection,
    FaxLogQuality,
    FaxLogStatus,
    MessageLog,
    MessageLogDirection,
    MessageLogKind,
    MessageLogStatus,
    PaginationLinks,
    VideoLog,
    VideoLogStatus,
    VideoLogType,
    VoiceLog,
    VoiceLogDirection,
    VoiceLogEvent,
    VoiceLogStatus,
    VoiceLogType,
)
from signalwire_logs_api.types import UNSET, Unset

from ._base_client import NOT_GIVEN, NotGiven
from ._client import AsyncSignalWireLogs, SignalWireLogs
from ._dates import DateLike
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ExportFileError,
    FieldValueError,
    InternalServerError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    RecordMismatchError,
    ResponseTooLargeError,
    SignalWireError,
    SyncError,
    UnprocessableEntityError,
)
from ._export import (
    AsyncExportSource,
    ExportFormat,
    ExportProgress,
    ExportResult,
    ExportSource,
    aexport_logs,
    export_logs,
)
from ._follow import FollowEvent
from ._response import RawResponse
from ._types import (
    AsyncLogResource,
    CxmlMessageFilters,
    LogFilters,
    LogResource,
    MessageLogFilters,
)
from ._version import __version__
from .pagination import (
    AsyncPageIterator,
    AsyncPaginator,
    Page,
    PageCursor,
    SyncPageIterator,
    SyncPaginator,
)

__all__ = [
    "NOT_GIVEN",
    "UNSET",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncExportSource",
    "AsyncLogResource",
    "AsyncPageIterator",
    "AsyncPaginator",
    "AsyncSignalWireLogs",
    "AuthenticationError",
    "BadRequestError",
    "ChargeDetail",
    "ConferenceLog",
    "ConferenceLogType",
    "ConfigurationError",
    "CxmlMessage",
    "CxmlMessageDirection",
    "CxmlMessageFilters",
    "CxmlMessageStatus",
    "DateLike",
    "ExportFileError",
    "ExportFormat",
    "ExportProgress",
    "ExportResult",
    "ExportSource",
    "FaxLog",
    "FaxLogDirection",
    "FaxLogQuality",
    "FaxLogStatus",
    "FieldValueError",
    "FollowEvent",
    "InternalServerError",
    "LogFilters",
    "LogResource",
    "MessageLog",
    "MessageLogDirection",
    "MessageLogFilters",
    "MessageLogKind",
    "MessageLogStatus",
    "NotFoundError",
    "NotGiven",
    "Page",
    "PageCursor",
    "PaginationError",
    "PaginationLinks",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RecordMismatchError",
    "ResponseTooLargeError",
    "SignalWireError",
    "SignalWireLogs",
    "SyncError",
    "SyncPageIterator",
    "SyncPaginator",
    "UnprocessableEntityError",
    "Unset",
    "VideoLog",
    "VideoLogStatus",
    "VideoLogType",
    "VoiceLog",
    "VoiceLogDirection",
    "VoiceLogEvent",
    "VoiceLogStatus",
    "VoiceLogType",
    "__version__",
    "aexport_logs",
    "export_logs",
]

"""Contains all the data models used in inputs/outputs"""

from .bad_request_body import BadRequestBody
from .bad_request_body_error import BadRequestBodyError
from .charge_detail import ChargeDetail
from .cxml_message import CxmlMessage
from .cxml_message_direction import CxmlMessageDirection
from .cxml_message_status import CxmlMessageStatus
from .cxml_message_subresource_uris import CxmlMessageSubresourceUris
from .fax_log import FaxLog
from .fax_log_direction import FaxLogDirection
from .fax_log_list_response import FaxLogListResponse
from .fax_log_quality import FaxLogQuality
from .fax_log_source import FaxLogSource
from .fax_log_status import FaxLogStatus
from .fax_log_type import FaxLogType
from .internal_server_error_body import InternalServerErrorBody
from .internal_server_error_body_error import InternalServerErrorBodyError
from .message_log import MessageLog
from .message_log_direction import MessageLogDirection
from .message_log_kind import MessageLogKind
from .message_log_list_response import MessageLogListResponse
from .message_log_source import MessageLogSource
from .message_log_status import MessageLogStatus
from .message_log_type import MessageLogType
from .not_found_body import NotFoundBody
from .not_found_body_error import NotFoundBodyError
from .pagination_links import PaginationLinks
from .unauthorized_body import UnauthorizedBody
from .unauthorized_body_error import UnauthorizedBodyError
from .validation_error_item import ValidationErrorItem
from .validation_errors import ValidationErrors

__all__ = (
    "BadRequestBody",
    "BadRequestBodyError",
    "ChargeDetail",
    "CxmlMessage",
    "CxmlMessageDirection",
    "CxmlMessageStatus",
    "CxmlMessageSubresourceUris",
    "FaxLog",
    "FaxLogDirection",
    "FaxLogListResponse",
    "FaxLogQuality",
    "FaxLogSource",
    "FaxLogStatus",
    "FaxLogType",
    "InternalServerErrorBody",
    "InternalServerErrorBodyError",
    "MessageLog",
    "MessageLogDirection",
    "MessageLogKind",
    "MessageLogListResponse",
    "MessageLogSource",
    "MessageLogStatus",
    "MessageLogType",
    "NotFoundBody",
    "NotFoundBodyError",
    "PaginationLinks",
    "UnauthorizedBody",
    "UnauthorizedBodyError",
    "ValidationErrorItem",
    "ValidationErrors",
)

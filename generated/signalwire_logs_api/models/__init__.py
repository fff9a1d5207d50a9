"""Contains all the data models used in inputs/outputs"""

from .bad_request_body import BadRequestBody
from .bad_request_body_error import BadRequestBodyError
from .charge_detail import ChargeDetail
from .conference_charge_detail import ConferenceChargeDetail
from .conference_log import ConferenceLog
from .conference_log_list_response import ConferenceLogListResponse
from .conference_log_type import ConferenceLogType
from .cxml_error import CxmlError
from .cxml_message import CxmlMessage
from .cxml_message_direction import CxmlMessageDirection
from .cxml_message_list_response import CxmlMessageListResponse
from .cxml_message_status import CxmlMessageStatus
from .cxml_message_subresource_uris import CxmlMessageSubresourceUris
from .fax_log import FaxLog
from .fax_log_direction import FaxLogDirection
from .fax_log_list_response import FaxLogListResponse
from .fax_log_quality import FaxLogQuality
from .fax_log_source import FaxLogSource
from .fax_log_status import FaxLogStatus
from .fax_log_type import FaxLogType
from .forbidden_body import ForbiddenBody
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
from .video_log import VideoLog
from .video_log_list_response import VideoLogListResponse
from .video_log_source import VideoLogSource
from .video_log_status import VideoLogStatus
from .video_log_type import VideoLogType
from .voice_log import VoiceLog
from .voice_log_direction import VoiceLogDirection
from .voice_log_event import VoiceLogEvent
from .voice_log_event_details import VoiceLogEventDetails
from .voice_log_event_level import VoiceLogEventLevel
from .voice_log_event_list_response import VoiceLogEventListResponse
from .voice_log_list_response import VoiceLogListResponse
from .voice_log_source import VoiceLogSource
from .voice_log_status import VoiceLogStatus
from .voice_log_type import VoiceLogType

__all__ = (
    "BadRequestBody",
    "BadRequestBodyError",
    "ChargeDetail",
    "ConferenceChargeDetail",
    "ConferenceLog",
    "ConferenceLogListResponse",
    "ConferenceLogType",
    "CxmlError",
    "CxmlMessage",
    "CxmlMessageDirection",
    "CxmlMessageListResponse",
    "CxmlMessageStatus",
    "CxmlMessageSubresourceUris",
    "FaxLog",
    "FaxLogDirection",
    "FaxLogListResponse",
    "FaxLogQuality",
    "FaxLogSource",
    "FaxLogStatus",
    "FaxLogType",
    "ForbiddenBody",
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
    "VideoLog",
    "VideoLogListResponse",
    "VideoLogSource",
    "VideoLogStatus",
    "VideoLogType",
    "VoiceLog",
    "VoiceLogDirection",
    "VoiceLogEvent",
    "VoiceLogEventDetails",
    "VoiceLogEventLevel",
    "VoiceLogEventListResponse",
    "VoiceLogListResponse",
    "VoiceLogSource",
    "VoiceLogStatus",
    "VoiceLogType",
)

from enum import StrEnum


class MessageLogDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"
    OUTBOUND_API = "outbound-api"
    OUTBOUND_CALL = "outbound-call"
    OUTBOUND_REPLY = "outbound-reply"

    def __str__(self) -> str:
        return str(self.value)

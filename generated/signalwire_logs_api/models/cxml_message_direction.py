from enum import StrEnum


class CxmlMessageDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND_API = "outbound-api"
    OUTBOUND_CALL = "outbound-call"
    OUTBOUND_REPLY = "outbound-reply"

    def __str__(self) -> str:
        return str(self.value)

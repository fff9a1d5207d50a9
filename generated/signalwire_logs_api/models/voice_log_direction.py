from enum import StrEnum


class VoiceLogDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"
    OUTBOUND_API = "outbound-api"
    OUTBOUND_DIAL = "outbound-dial"

    def __str__(self) -> str:
        return str(self.value)

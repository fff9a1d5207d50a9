from enum import StrEnum


class FaxLogDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND_API = "outbound-api"
    OUTBOUND_DIAL = "outbound-dial"

    def __str__(self) -> str:
        return str(self.value)

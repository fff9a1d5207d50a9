from enum import StrEnum


class MessageLogStatus(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    INITIATED = "initiated"
    QUEUED = "queued"
    RECEIVED = "received"
    SENT = "sent"
    UNDELIVERED = "undelivered"

    def __str__(self) -> str:
        return str(self.value)

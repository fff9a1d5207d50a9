from enum import StrEnum


class MessageLogKind(StrEnum):
    MMS = "mms"
    SMS = "sms"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class MessageLogType(StrEnum):
    LAML_MESSAGE = "laml_message"
    RELAY_MESSAGE = "relay_message"

    def __str__(self) -> str:
        return str(self.value)

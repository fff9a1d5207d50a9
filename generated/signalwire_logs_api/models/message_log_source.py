from enum import StrEnum


class MessageLogSource(StrEnum):
    LAML = "laml"
    REALTIME_API = "realtime_api"

    def __str__(self) -> str:
        return str(self.value)

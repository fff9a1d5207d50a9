from enum import StrEnum


class VideoLogSource(StrEnum):
    REALTIME_API = "realtime_api"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class VideoLogStatus(StrEnum):
    COMPLETED = "completed"
    IN_PROGRESS = "in-progress"

    def __str__(self) -> str:
        return str(self.value)

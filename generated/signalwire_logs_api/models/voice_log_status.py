from enum import StrEnum


class VoiceLogStatus(StrEnum):
    ANSWERED = "answered"
    BUSY = "busy"
    CANCELED = "canceled"
    COMPLETED = "completed"
    CREATED = "created"
    ENDED = "ended"
    ENDING = "ending"
    FAILED = "failed"
    INITIATED = "initiated"
    IN_PROGRESS = "in-progress"
    JOINED = "joined"
    NO_ANSWER = "no-answer"
    QUEUED = "queued"
    RINGING = "ringing"

    def __str__(self) -> str:
        return str(self.value)

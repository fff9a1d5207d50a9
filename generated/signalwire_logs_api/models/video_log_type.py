from enum import StrEnum


class VideoLogType(StrEnum):
    VIDEO_CONFERENCE_SESSION = "video_conference_session"
    VIDEO_ROOM_SESSION = "video_room_session"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class VoiceLogSource(StrEnum):
    DIALOGFLOW = "dialogflow"
    LAML = "laml"
    REALTIME_API = "realtime_api"

    def __str__(self) -> str:
        return str(self.value)

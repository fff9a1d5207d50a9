from enum import StrEnum


class VoiceLogType(StrEnum):
    DIALOGFLOW_CALL = "dialogflow_call"
    FABRIC_SUBSCRIBER_DEVICE_LEG = "fabric_subscriber_device_leg"
    LAML_CALL = "laml_call"
    RELAY_PSTN_CALL = "relay_pstn_call"
    RELAY_SIP_CALL = "relay_sip_call"
    RELAY_WEBRTC_CALL = "relay_webrtc_call"
    VIDEO_ROOM_PSTN_LEG = "video_room_pstn_leg"
    VIDEO_ROOM_SIP_LEG = "video_room_sip_leg"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class InternalServerErrorBodyError(StrEnum):
    INTERNAL_SERVER_ERROR = "Internal Server Error"

    def __str__(self) -> str:
        return str(self.value)

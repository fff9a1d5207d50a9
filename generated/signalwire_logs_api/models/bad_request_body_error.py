from enum import StrEnum


class BadRequestBodyError(StrEnum):
    BAD_REQUEST = "Bad Request"

    def __str__(self) -> str:
        return str(self.value)

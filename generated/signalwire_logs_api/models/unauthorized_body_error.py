from enum import StrEnum


class UnauthorizedBodyError(StrEnum):
    UNAUTHORIZED = "Unauthorized"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class FaxLogType(StrEnum):
    LAML_CALL = "laml_call"

    def __str__(self) -> str:
        return str(self.value)

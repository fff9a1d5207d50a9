from enum import StrEnum


class FaxLogSource(StrEnum):
    LAML = "laml"

    def __str__(self) -> str:
        return str(self.value)

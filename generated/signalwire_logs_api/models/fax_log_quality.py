from enum import StrEnum


class FaxLogQuality(StrEnum):
    FINE = "fine"
    STANDARD = "standard"
    SUPERFINE = "superfine"

    def __str__(self) -> str:
        return str(self.value)

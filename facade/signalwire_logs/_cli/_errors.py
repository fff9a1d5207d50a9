"""Exit codes and the one place where an error becomes a line on stderr.

Every command exits with one of these codes, documented in ``--help`` and the README:

======  ==========================================================
code    meaning
======  ==========================================================
0       success
1       the API, the network or a file failed (``SignalWireError``)
2       usage: bad arguments, missing credentials (``ConfigurationError``)
130     interrupted (Ctrl-C)
======  ==========================================================
"""

from __future__ import annotations

from typing import Final

EXIT_OK: Final = 0
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130

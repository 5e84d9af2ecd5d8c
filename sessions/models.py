"""Tables of the dialogue sessions (filled in by later issues).

Importing this module registers every table of the application with SQLModel's
metadata, which migrations compare against.
"""

import indicators.models  # noqa: F401  (registers the monitor's tables)

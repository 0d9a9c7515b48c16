"""``python -m homecoming``: the same as the ``homecoming`` command."""

import sys

from homecoming.cli import main

sys.exit(main())

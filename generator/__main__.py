"""``python -m generator``: the same as the ``litreview`` command."""

import sys

from generator.cli import main

sys.exit(main())

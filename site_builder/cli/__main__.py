"""`python -m site_builder.cli`: the `site-builder` command."""

import sys

from . import main

sys.exit(main())

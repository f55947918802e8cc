"""`python -m gongkai.cli`: the command line, as the `gongkai` command."""

import sys

from gongkai.cli.main import main

sys.exit(main())

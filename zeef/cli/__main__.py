"""`python -m zeef.cli ...`: the `zeef` command."""

import sys

from zeef.cli import main

sys.exit(main())

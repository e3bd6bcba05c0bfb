"""`python -m zeef.cli ...`: the `zeef` command."""

import sys

from zeef.cli import main

if __name__ == "__main__":
    sys.exit(main())

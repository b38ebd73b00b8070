"""`python -m benchmarks`: run every benchmark, write results.md and results.json, exit 1 if a
budget is missed or a figure could not be measured."""

import sys

from .run import main

sys.exit(main())

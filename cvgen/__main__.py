import sys

from cvgen.cli import main

sys.exit(main())

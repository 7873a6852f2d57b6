import sys

from dyadwatch.cli.main import main

sys.exit(main())

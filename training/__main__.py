import sys

from training.cli.commands import main

sys.exit(main())

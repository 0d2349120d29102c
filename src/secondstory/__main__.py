"""`python -m secondstory` runs the same CLI as the `secondstory` script."""

from secondstory.cli.main import main

raise SystemExit(main())

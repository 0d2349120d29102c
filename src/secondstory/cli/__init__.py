"""The `secondstory` command line. Only `open` (and no command at all) imports Textual."""

"""secondstory: run blameless incident postmortems from the terminal.

Importing the package is cheap on purpose: the CLI imports Textual only when it opens the app.
"""

__version__ = "0.1.0"

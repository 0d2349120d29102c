"""The Textual app: screens, widgets and workspaces over a session held in `secondstory.core`.

Nothing here is imported by CLI commands that do not open the app; `launch.launch` is the entry.
"""

"""The core: session model, storage, agenda clock, language rules, importers and exporters.

Nothing under `secondstory.core` may import Textual; the CLI and the app both build on it.
"""

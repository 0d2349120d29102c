"""Widgets for the main and presentation screens, one per module."""

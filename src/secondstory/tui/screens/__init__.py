"""The app's screens, one per module, each with its stylesheet beside it."""

"""The passes that run before rendering: anonymisation and draft marking."""

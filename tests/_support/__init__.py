"""Helpers shared by tests: decoders and readers of what the kiosk emits."""

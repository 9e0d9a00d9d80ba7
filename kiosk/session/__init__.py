"""Session lifecycle and the wipe protocol (no widgets)."""

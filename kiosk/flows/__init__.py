"""Guided step flows declared as YAML data: model, loader with checks, library, runner.

No widgets here: kiosk/ui renders each step type.
"""

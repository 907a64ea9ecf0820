"""The workstation fixtures, for the clinical tests that go through the app's panels."""

from tests.ui.conftest import app_settings, make_window

__all__ = ["app_settings", "make_window"]

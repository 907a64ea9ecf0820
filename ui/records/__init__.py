"""Patient records in the app: timeline chart, regimen versions with diff, saved plans, audit."""

from ui.records._none_refcount import keep_none_alive

keep_none_alive()  # PySide6 6.12 on Python 3.11: see _none_refcount.py

from ui.records.records_window import RecordsWindow  # noqa: E402

__all__ = ["RecordsWindow", "keep_none_alive"]

"""Patient records in the app: timeline chart, regimen versions with diff, saved plans, audit."""

from ui.records.records_window import RecordsWindow

__all__ = ["RecordsWindow"]

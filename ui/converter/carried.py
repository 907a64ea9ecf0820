"""One guard for a field carried over from the previous question (clinician review 3, item 3;
review 12, #1): a value given for one choice (the amount for the From drug; the To frequency for
the To drug and route) is kept when that choice changes, but no advice is given until it is
confirmed for the new choice or typed again. An empty field carries nothing."""

from __future__ import annotations

from collections.abc import Callable

from ui.plain_language import kept_amount_words

__all__ = ["CarriedField"]


class CarriedField:
    """``choice()``: what the value belongs to now (ids); ``shown()``: it in words;
    ``value()``: the field's text; ``field``/``confirm``: for the notice."""

    def __init__(
        self,
        choice: Callable[[], str],
        shown: Callable[[], str],
        value: Callable[[], str],
        *,
        field: str,
        confirm: str,
    ) -> None:
        self._choice, self._shown, self._value = choice, shown, value
        self._field, self._confirm = field, confirm
        self._given_for = ""  # the choice the value was typed (or confirmed) for
        self._given_shown = ""

    def confirm(self, *_args: object) -> None:
        """The value is the current choice's (typed, picked, Enter, or a whole question set)."""
        self._given_for, self._given_shown = self._choice(), self._shown()

    def confirm_if_empty(self, *_args: object) -> None:
        if not self._value():
            self.confirm()

    def notice(self) -> str | None:
        """The sentence while the value belongs to another choice than the current one."""
        if not self._value() or not self._given_for or self._given_for == self._choice():
            return None
        return kept_amount_words(
            self._given_shown or self._given_for,
            self._shown(),
            field=self._field,
            confirm=self._confirm,
            until="No advice until then.",
        )

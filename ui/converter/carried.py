"""One guard for a field carried over from the previous question (clinician review 3, item 3;
review 12, #1): a value given for one choice (the amount for the From drug; the To frequency for
the To drug and route) is kept when that choice changes, but no advice is given until it is
confirmed for the new choice or typed again. An empty field carries nothing, nor does a value the
converter refused for the choice it was given for (clinician re-check 12b, #5: "continuous",
refused for morphine sc, was offered as "kept" for a fentanyl patch): it is dropped when the
choice changes. Only an accepted value is carried."""

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
        clear: Callable[[], None],
        *,
        field: str,
        confirm: str,
    ) -> None:
        self._choice, self._shown, self._value, self._clear = choice, shown, value, clear
        self._refused = False  # the value was refused for the choice it was given for
        self._field, self._confirm = field, confirm
        self._given_for = ""  # the choice the value was typed (or confirmed) for
        self._given_shown = ""

    def confirm(self, *_args: object) -> None:
        """The value is the current choice's (typed, picked, Enter, or a whole question set)."""
        self._given_for, self._given_shown = self._choice(), self._shown()
        self._refused = False  # judged again by the next answer

    def answered(self, *, refused: bool) -> None:
        """After each conversion asked: whether it refused this value (only a value given for
        the current choice is judged)."""
        if self._value() and self._given_for == self._choice():
            self._refused = refused

    def drop_if_refused(self) -> None:
        """On a change of choice: a value refused for its own choice is dropped, never kept."""
        if self._refused and self._given_for != self._choice():
            self._refused = False
            self._clear()

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

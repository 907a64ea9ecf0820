"""Every menu has one item per Alt letter (clinician review 7, #10: the File menu's two A4
exports shared "4" and the two Letter exports "L", so Alt+4 and Alt+L only cycled between them)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu

_MNEMONIC = re.compile(r"&([^&\s])")


def _shared_letters(menu: QMenu) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        found = _MNEMONIC.search(action.text().replace("&&", ""))
        if found:
            seen.setdefault(found.group(1).lower(), []).append(action.text())
    return {letter: items for letter, items in seen.items() if len(items) > 1}


def test_no_two_items_of_one_menu_share_an_alt_letter(case_window) -> None:
    window = case_window
    window.ensure_panels()
    menus = window.menuBar().findChildren(QMenu)
    assert len(menus) >= 7
    shared = {menu.title(): _shared_letters(menu) for menu in menus}
    assert {title: letters for title, letters in shared.items() if letters} == {}

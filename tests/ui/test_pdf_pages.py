"""Review 3 (clinician), item 1: no printed page is blank or holds only a heading.

The plan PDF of several example regimens, each with several switches, is read back page by page
(poppler's pdftotext); every page must carry text beyond a heading."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ui.examples import examples_dir

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs poppler-utils (pdftotext, pdfinfo)",
)

HEADINGS = {
    "Current regimen",
    "Worked arithmetic",
    "Switching plan",
    "Steps (each with its arithmetic and source)",
    "Transition schedule",
    "Warnings",
    "About the switch",
    "About the current regimen",
    "Monitoring",
    "The same switch under every equianalgesic set",
    "Signatures",
}

CASES = (
    "takamatsu-2018-case-1/step-3-oxycodone-raised.yaml",
    "takamatsu-2018-case-1/step-1-outpatient.yaml",
    "takamatsu-2018-case-2/step-2-oxycodone-raised.yaml",
    "kodama-2024-case-1/step-1-oxycodone-up-to-100mg.yaml",
    "kodama-2024-case-2/step-1b-hydromorphone-iv-reading.yaml",
)
TARGETS = (
    None,
    ("fentanyl", "transdermal", True),
    ("morphine", "oral", False),
    ("hydromorphone", "oral", False),
    ("methadone", "oral", False),
)


def _page_bodies(path: Path) -> list[list[str]]:
    """Each page's lines above the footer (the footer is on every page, so it is left out)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    count = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    # the whole document in one run (not one per page): pdftotext ends every page with a form feed
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    texts = done.stdout.split("\f")
    assert texts[-1].strip() == "" and len(texts) - 1 == count, (count, len(texts))
    pages = []
    for text in texts[:-1]:
        body: list[str] = []
        for line in (x.strip() for x in text.splitlines()):
            if "VERIFY BEFORE USE" in line:  # the footer (identity line, then the sentence)
                break
            if line:
                body.append(line)
        pages.append(body)
    return pages


# the two plans of the review (UK palliative set): oxycodone 80 mg/day to a patch, and a tiny
# oxycodone dose (25 mcg/h) to oral morphine whose breakthrough dose is refused
REVIEWED = {
    "review-plan720.yaml": "patient: {identifier: NEW-001}\ntable: uk-palliative\nitems:\n"
    "  - {drug: oxycodone, route: oral, daily_dose: 80 mg/day}\n",
    "review-pdanger.yaml": "table: uk-palliative\nitems:\n"
    "  - {drug: oxycodone, route: oral, daily_dose: 0.6 mg/day}\n",
}


@pytest.mark.parametrize("case", CASES + tuple(REVIEWED))
def test_no_plan_page_is_blank_or_only_a_heading(make_window, tables, tmp_path, case) -> None:
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    source = examples_dir() / case
    if case in REVIEWED:
        source = tmp_path / case
        source.write_text(REVIEWED[case], encoding="utf-8")
    window = make_window(tables, source)
    for number, target in enumerate(TARGETS):
        if target is not None:
            window.tabs.setCurrentIndex(1)
            window.planner.set_target(target[0], target[1], continuous=target[2])
        path = tmp_path / f"plan-{number}.pdf"
        write_plan_pdf(path, plan_content(window))
        pages = _page_bodies(path)
        for page_number, body in enumerate(pages, start=1):
            what = f"{case} → {target}: page {page_number} of {len(pages)}"
            assert body, f"{what} is blank"
            assert not set(body) <= HEADINGS, f"{what} holds only the heading(s) {body}"

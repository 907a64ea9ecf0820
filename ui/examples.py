"""The built-in examples: published case regimens shipped as regimen documents in data/cases/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Example", "examples_dir", "list_examples"]


@dataclass(frozen=True, slots=True)
class Example:
    case: str  # folder name, e.g. "takamatsu-2018-case-1"
    path: Path

    @property
    def case_title(self) -> str:
        author, year, _case, number = ([*self.case.split("-"), "", "", "", ""])[:4]
        return f"{author.capitalize()} {year}, case {number}"

    @property
    def step_title(self) -> str:
        """From the file name: ``step-3-oxycodone-raised.yaml`` → ``Step 3: oxycodone raised``."""
        parts = self.path.stem.split("-")
        if len(parts) >= 2 and parts[0] == "step":
            rest = " ".join(parts[2:])
            return f"Step {parts[1]}: {rest}" if rest else f"Step {parts[1]}"
        return self.path.stem.replace("-", " ")


def examples_dir() -> Path:
    """data/cases of a source checkout, or the copy packaged in the wheel."""
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from mps_pain.paths import cases_dir

    return cases_dir()


def list_examples(folder: Path | None = None) -> list[Example]:
    root = folder or examples_dir()
    if not root.is_dir():
        return []
    steps = sorted(root.glob("*/step-*.yaml"))  # timeline.yaml files are for the records
    return [Example(case=path.parent.name, path=path) for path in steps]

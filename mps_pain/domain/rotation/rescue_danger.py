"""More than the program's own multiple of the breakthrough rule's top is a danger
(``rotation.breakthrough.above_danger``, data/, cited as this program's rule): the one
judgement of how severe a rescue's size is, and the one wording of its multiple.

The check's headline reads it (``RescueAbove.danger``), and so does the size warning every
command gives for a dose outside the rule (``rescue_fit.outside_warnings``: ``mme`` and so the
app's Regimen tab, ``rotate``'s current regimen, ``check``): a rescue 24 times its rule was a
caution in ``mme`` and a danger in ``check`` (pharmacist re-check 20c, L-A). One rule, one
severity, whichever command judges the dose.
"""

from __future__ import annotations

from mps_pain.numbers import format_beside, format_number
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["RESCUE_OUTSIDE_RULE", "above_danger", "danger_ceiling", "danger_words", "times_words"]

#: the warning of a rescue outside its rule (``rescue_fit``) or above the danger ceiling of a
#: rescue no source sizes (``rescue_unsized``): one code, its severity by this module's rule
RESCUE_OUTSIDE_RULE = "breakthrough-dose-outside-rule"
_REL = 1e-6


def above_danger(rules: RotationRules, times: float) -> bool:
    """Whether a dose ``times`` the top of its breakthrough rule is a danger: more than the
    program's own multiple (``above_danger.multiple``)."""
    return times > rules.breakthrough.above_danger.multiple * (1 + _REL)


def danger_ceiling(rules: RotationRules, top_mg: float) -> float:
    """The program's danger ceiling beside a fraction rule's top ``top_mg``: the one bound of a
    rescue no source of the set sizes (pharmacist re-check 21b, N-2; the data's citation: twice
    1/6 lies above every fraction any source gives)."""
    return rules.breakthrough.above_danger.multiple * top_mg


def times_words(rules: RotationRules, times: float) -> str:
    """How many times the rule's top a dose is, as computed: three figures ("24.4", "3.6"), and
    for a danger as many more as it takes never to read as the danger's own multiple
    (``numbers.format_beside``; clinician re-check 20c, L4: 2.04 read "2 times the top" beside
    "more than 2 times the top is a danger"). The one formatting of the multiple."""
    if not above_danger(rules, times):
        return format_number(times, 3)
    return format_beside(times, rules.breakthrough.above_danger.multiple, 3)


def danger_words(rules: RotationRules, of: str = "") -> str:
    """'more than 2 times the top is a danger': the rule, in the words every output says it;
    ``of``: which top, where it is not the rescue's own (' of the … rule (…)')."""
    multiple = format_number(rules.breakthrough.above_danger.multiple)
    return f"more than {multiple} times the top{of} is a danger"

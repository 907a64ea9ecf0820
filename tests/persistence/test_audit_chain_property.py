"""The hash chain as a property: whatever the rows, an untouched chain verifies, and changing
any field of any row, or removing any row but the last, is found at exactly that place."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.persistence.audit_chain import GENESIS, AuditLink, first_break, link_hash

FIELDS = ("os_user", "app_version", "action", "entity", "entity_key", "before_json", "source")
TEXT = st.text(max_size=6)


ROW = st.tuples(TEXT, TEXT, st.sampled_from(["local", "imported"]), st.integers(0, 10**9))


@st.composite
def chains(draw: st.DrawFn, min_rows: int = 1) -> list[AuditLink]:
    """A chain of 1 to 6 rows (at least ``min_rows``: drawn so, not filtered, so no example is
    thrown away)."""
    links: list[AuditLink] = []
    prev = GENESIS
    rows = draw(st.lists(ROW, min_size=min_rows, max_size=6))
    for i, (user, text, origin, seconds) in enumerate(rows):
        link = AuditLink(
            id=i + 1,
            occurred_at=datetime.fromtimestamp(seconds, UTC),
            os_user=user,
            app_version="0.1.0",
            action=text,
            entity="event",
            entity_key=user,
            patient_identifier=user or None,
            origin=origin,
            source=text or None,
            before_json=None,
            after_json=text,
            prev_hash=prev,
            row_hash=None,
        )
        prev = link_hash(prev, link)
        links.append(link.model_copy(update={"row_hash": prev}))
    return links


@given(chain=chains())
def test_an_untouched_chain_verifies(chain: list[AuditLink]) -> None:
    assert first_break(chain) == (len(chain), None)


@given(chain=chains(), data=st.data())
def test_a_changed_field_is_found_at_its_row(chain: list[AuditLink], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(chain) - 1))
    field = data.draw(st.sampled_from(FIELDS))
    old = getattr(chain[index], field)
    new = data.draw(TEXT.filter(lambda v: v != old))
    chain[index] = chain[index].model_copy(update={field: new})
    checked, broken = first_break(chain)
    assert broken is not None and broken.row_id == chain[index].id
    assert checked == index + 1


@given(chain=chains(min_rows=2), data=st.data())
def test_a_removed_row_is_found_at_the_row_after_it(
    chain: list[AuditLink], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(chain) - 2))
    follower = chain[index + 1].id
    del chain[index]
    _checked, broken = first_break(chain)
    assert broken is not None and broken.row_id == follower


@given(chain=chains())
def test_cutting_off_the_newest_rows_is_not_detectable(chain: list[AuditLink]) -> None:
    """The documented limit (docs/records.md): a shortened chain still verifies."""
    assert first_break(chain[:-1])[1] is None

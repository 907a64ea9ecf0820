"""The architecture holds: the core never imports Qt, the UI or the CLI; every module of the core
has its layer; services reach the records through the unit of work only (see docs/architecture.md;
the import-linter contracts in pyproject are run here too)."""

from __future__ import annotations

import ast
import functools
import inspect
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from mps_pain.persistence.unit_of_work import RecordsRepository, UnitOfWork
from tests.services.in_memory_records import InMemoryRecords, InMemoryRepository

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "ui", "mps_pain_cli", "shiboken6")


@functools.cache
def _parsed(path: Path) -> tuple[str, ast.Module]:
    """A module's source and syntax tree, read once per run: the scans below share them (each
    only walks the tree, none changes it)."""
    source = path.read_text(encoding="utf-8")
    return source, ast.parse(source)


@functools.cache
def _nodes(path: Path) -> tuple[ast.AST, ...]:
    """Every node of a module's tree in ``ast.walk`` order, walked once per run: five scans read
    each module (imports, attributes, sentences, declarations, function lengths), and walking a
    tree again (``iter_child_nodes`` over every field of every node) was most of this file's
    CPU time."""
    return tuple(ast.walk(_parsed(path)[1]))


def _imports(path: Path) -> list[str]:
    names = []
    for node in _nodes(path):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_no_module_of_the_core_imports_qt_ui_or_cli() -> None:
    offenders = []
    for path in (REPO / "mps_pain").rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert offenders == []


def test_using_the_core_loads_no_qt_module() -> None:
    code = (
        "import sys, mps_pain.services.mme_service, mps_pain.services.batch;"
        "from mps_pain.tables.loader import get_tables; get_tables();"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6','ui','shiboken6')];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_linter_contracts_hold() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_architecture_doc_names_only_files_that_exist() -> None:
    """docs/architecture.md (which mps_pain/__init__.py points to) stays true as files move."""
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "docs/architecture.md" in (REPO / "mps_pain" / "__init__.py").read_text("utf-8")
    named = set(re.findall(r"`([a-z_/]+\.py)", doc))
    assert len(named) > 20
    missing = [
        name
        for name in sorted(named)
        if not any((base / name).exists() for base in (REPO, REPO / "mps_pain"))
    ]
    assert missing == []


def test_the_window_module_loads_no_engine_before_the_first_paint() -> None:
    """ui/app.py's start-up order: the engine (pydantic models, pint, tables) loads after the
    first paint, so the imports that reach it from a widget are start-up seams."""
    code = (
        "import sys, ui.main_window;"
        "heavy = [m for m in ('pydantic', 'pint', 'mps_pain.tables.schema') if m in sys.modules];"
        "print(heavy); raise SystemExit(1 if heavy else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def _core_layers() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    [core] = [
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["type"] == "layers" and "mps_pain.domain" in " ".join(c["layers"])
    ]
    return [name.strip() for layer in core["layers"] for name in layer.split("|")]


def test_every_top_level_module_of_the_core_is_in_the_layers_contract() -> None:
    """A new module or package of mps_pain has to be given its place among the layers."""
    top_level = {
        f"mps_pain.{path.stem if path.is_file() else path.name}"
        for path in (REPO / "mps_pain").iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    placed = _core_layers()
    assert len(placed) == len(set(placed))
    assert sorted(top_level - set(placed)) == []
    assert sorted(set(placed) - top_level) == []


def _attributes(path: Path) -> list[tuple[str, str, int]]:
    """(object, attribute, line) for every ``name.attribute`` read in a module."""
    return [
        (node.value.id, node.attr, node.lineno)
        for node in _nodes(path)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
    ]


SQL_CALLS = {"session", "execute", "scalars", "scalar", "query", "flush", "commit", "add_all"}
# what a service may import from persistence: record values, the boundary's protocols, pure
# checks of the audit chain and content hashes, identifier rules, and the composition root
# (a Database is wrapped in SqlUnitOfWork in one place, PatientService.__init__)
SERVICE_MAY_IMPORT = {
    "mps_pain.persistence.records",
    "mps_pain.persistence.unit_of_work",
    "mps_pain.persistence.audit_chain",
    "mps_pain.persistence.content_hash",
    "mps_pain.persistence.identifiers",
    "mps_pain.persistence.database",
    "mps_pain.persistence.repository",
}


def test_services_call_repository_methods_only() -> None:
    """No SQL in a service, no private method of another object (the transfer module once
    called the patient service's), and persistence reached only through its boundary."""
    offenders = []
    for path in sorted((REPO / "mps_pain" / "services").glob("*.py")):
        where = path.relative_to(REPO)
        for owner, attribute, line in _attributes(path):
            if attribute in SQL_CALLS:
                offenders.append(f"{where}:{line} {owner}.{attribute}")
            private = attribute.startswith("_") and not attribute.startswith("__")
            if private and owner not in ("self", "cls"):
                offenders.append(f"{where}:{line} {owner}.{attribute} (private)")
        for name in _imports(path):
            if name.startswith("mps_pain.persistence") and name not in SERVICE_MAY_IMPORT:
                offenders.append(f"{where} imports {name}")
    assert offenders == []
    composition = [
        path.name
        for path in (REPO / "mps_pain" / "services").glob("*.py")
        if {"mps_pain.persistence.database", "mps_pain.persistence.repository"}
        & set(_imports(path))
    ]
    assert composition == ["patient_service.py"]


def test_service_tests_run_on_the_in_memory_unit_of_work() -> None:
    """tests/services never open a database, and the fake keeps every method of the boundary
    with the same parameters (so a change to the protocol is a change to the fake)."""
    for path in sorted((REPO / "tests" / "services").glob("test_*.py")):
        banned = [
            name
            for name in _imports(path)
            if name.split(".")[0] == "sqlalchemy"
            or name in ("mps_pain.persistence.database", "mps_pain.persistence.repository")
        ]
        assert banned == [], path.name
    for protocol, fake in ((RecordsRepository, InMemoryRepository), (UnitOfWork, InMemoryRecords)):
        wanted = [
            n for n in vars(protocol) if not n.startswith("_") and callable(vars(protocol)[n])
        ]
        assert len(wanted) >= 3
        for name in wanted:
            expected = list(inspect.signature(getattr(protocol, name)).parameters)
            assert list(inspect.signature(getattr(fake, name)).parameters) == expected, name


def _imports_in_functions(path: Path) -> list[int]:
    """Lines of the imports inside a function body that no seam explains: a comment on the line,
    or directly above the group of imports, that starts "start-up seam:" (or another "… seam:")."""
    source, tree = _parsed(path)
    lines = source.splitlines()
    unexplained = []
    for node in _imports_inside_functions(tree):
        above = node.lineno - 2
        while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
            above -= 1
        reason = lines[node.lineno - 1].partition("#")[2] or lines[above].strip()
        if not (reason.lstrip("# ").split(":")[0].endswith("seam")):
            unexplained.append(node.lineno)
    return unexplained


def _imports_inside_functions(node: ast.AST, inside: bool = False) -> list[ast.stmt]:
    """Every import statement at any depth inside a function body, in one pass over the tree."""
    found: list[ast.stmt] = []
    for child in ast.iter_child_nodes(node):
        if inside and isinstance(child, ast.Import | ast.ImportFrom):
            found.append(child)
        nested = inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
        found += _imports_inside_functions(child, nested)
    return found


def test_imports_inside_functions_are_start_up_seams_with_a_reason() -> None:
    """docs/architecture.md, "Imports inside functions": the core, the CLI and the app import
    at the top of a module, except at a start-up seam, which a one-line comment names (the app
    had 18 imports in functions without one)."""
    offenders = [
        f"{path.relative_to(REPO)}:{line}"
        for package in ("mps_pain", "mps_pain_cli", "ui")
        for path in sorted((REPO / package).rglob("*.py"))
        for line in _imports_in_functions(path)
    ]
    assert offenders == []


def test_the_app_is_in_the_no_cycles_contract() -> None:
    """The app's modules form no import cycle either (the window imported the check and the
    converter, which imported the window; the session and its undo commands each other)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    acyclic = [
        contract
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["type"] == "acyclic_siblings"
    ]
    assert any("ui" in contract["ancestors"] for contract in acyclic)


# --- one display string, one place ---------------------------------------------------------
SENTENCE_WORDS = 3
"""A string literal with this many words (or more) is a sentence a person reads: an error, a
label, a help text, a line of a printout. Shorter ones are ids, units and keys."""

DECLARED_REPEATS: dict[str, str] = {
    "Did you mean {}?": "the CLI's refusal (errors.UnknownDrugError) and the app's own sentence "
    "(plain_language.unknown_drug_words) are worded for different readers; they share only "
    "this fragment",
}
"""Sentences that stand in two places on purpose, each with the reason."""


def _declaration_nodes(path: Path) -> set[int]:
    """Docstrings and the values of enum members: declarations, not strings an output builds."""
    skip = set()
    for node in _nodes(path):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = body[0] if body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.ClassDef) and any(
            ast.unparse(base).endswith("Enum") for base in node.bases
        ):
            skip |= {id(n) for n in ast.walk(node)}
    return skip


def _sentences(path: Path) -> list[tuple[str, int]]:
    """(text, line) of every sentence literal in a module; an f-string's fields read ``{}``."""
    skip = _declaration_nodes(path)
    found = []
    for node in _nodes(path):
        if isinstance(node, ast.JoinedStr):
            skip |= {id(part) for part in node.values}
            parts = [p.value if isinstance(p, ast.Constant) else "{}" for p in node.values]
            text = "".join(str(part) for part in parts)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if id(node) in skip:
            continue
        text = " ".join(text.split())
        words = [w for w in re.sub(r"<[^>]*>", " ", text).split() if re.search("[A-Za-z]", w)]
        if len(words) >= SENTENCE_WORDS:
            found.append((text, node.lineno))
    return found


@functools.cache
def _sentence_places() -> dict[str, tuple[str, ...]]:
    """Every sentence of ``mps_pain``, ``mps_pain_cli`` and ``ui`` with its places (``path:line``),
    read once per run. Migrations are left out: each is a frozen record of one schema change and
    must not import code that later changes."""
    places: dict[str, list[str]] = {}
    for package in ("mps_pain", "mps_pain_cli", "ui"):
        for path in sorted((REPO / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for text, line in _sentences(path):
                places.setdefault(text, []).append(f"{path.relative_to(REPO)}:{line}")
    return {text: tuple(where) for text, where in places.items()}


def test_no_display_string_is_produced_in_two_places() -> None:
    """Issue 11: what a person reads is written once (a function, a constant or a view record
    that every caller uses); what repeats is declarations only."""
    places = _sentence_places()
    repeated = {
        text: where
        for text, where in places.items()
        if len(where) > 1 and text not in DECLARED_REPEATS
    }
    assert repeated == {}
    assert sorted(t for t in DECLARED_REPEATS if len(places.get(t, ())) < 2) == []


def test_the_sentence_check_finds_a_repeated_sentence(tmp_path: Path) -> None:
    """The check above can fail: it reads an f-string's sentence (its fields as ``{}``), and
    leaves out docstrings, enum values and strings of fewer words."""
    module = tmp_path / "m.py"
    module.write_text(
        '"""A docstring of several words."""\n'
        "import enum\n"
        "class K(enum.StrEnum):\n    A = 'mass per time'\n"
        "def f(x):\n    return f'{x} is not a finite number'\n"
        "G = 'just two'\n",
        encoding="utf-8",
    )
    assert _sentences(module) == [("{} is not a finite number", 6)]


FRAGMENT_WORDS = 9
"""A run of this many words that stands in two sentence literals is one sentence built in two
places: the same words framed by different text (a refusal's advice, a rule's sentence)."""

DECLARED_FRAGMENTS: dict[str, str] = {
    "the lower of the band and the factor result": "the JSON field's description "
    "(rotation/models.py, a declaration of the schema) and the plan's step 3 line say one rule",
    "the nearest amount that can be given not above": "rounding_notes keys each rounding position "
    "to a short step-5 label and to its caution: one table of words per position, two lengths",
    "at every save content or not and is shown only as the": "content_hash.NOT_COVERED declares "
    "why each of two columns is left out of the content hash (a test reads it, no person)",
    "'mps-pain patients import' or a save in the app": "the two refusals of sqlite_file (no "
    "file; an empty file left by an interrupted first import) name the same two ways to make a "
    "database inside different sentences; one shared phrase would change their punctuation",
}
"""Runs of words that stand in two sentences on purpose, each with the reason (a run of
``FRAGMENT_WORDS`` words is declared when it lies within a declared text)."""


def _word_runs(text: str) -> set[str]:
    """The runs of ``FRAGMENT_WORDS`` words of a sentence (lower case, punctuation dropped), with
    at most one field: a run of several ``{}`` shares a shape, not words."""
    words = [w for w in re.findall(r"[\w{}'\-/]+", text.lower()) if re.search("[a-z{}]", w)]
    runs = (" ".join(words[i : i + FRAGMENT_WORDS]) for i in range(len(words)))
    return {r for r in runs if len(r.split()) == FRAGMENT_WORDS and r.count("{}") <= 1}


def _shared_runs(places: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """Each run of words that stands in more than one place, with the places."""
    where: dict[str, set[str]] = {}
    for text, at in places.items():
        for run in _word_runs(text):
            where.setdefault(run, set()).update(at)
    return {run: sorted(at) for run, at in where.items() if len(at) > 1}


def test_no_sentence_is_built_in_two_places_from_the_same_words() -> None:
    """Issue 11: a sentence written once is not written again inside another sentence: a run of
    ``FRAGMENT_WORDS`` words shared by two literals is a phrase to make once and call (or a
    repeat declared above with its reason)."""
    shared = _shared_runs(_sentence_places())
    undeclared = {
        run: at for run, at in shared.items() if not any(run in d for d in DECLARED_FRAGMENTS)
    }
    assert undeclared == {}
    assert sorted(d for d in DECLARED_FRAGMENTS if not any(r in d for r in shared)) == []


def test_the_fragment_check_finds_words_shared_by_two_sentences() -> None:
    """The check above can fail: two sentences sharing nine words in a row are found."""
    advice = "run the verify command and restore the record from a backup"
    places = {f"Damaged: {advice}.": ("a.py:1",), f"{advice.capitalize()}!": ("b.py:2",)}
    assert _shared_runs(places) == {
        "run the verify command and restore the record from": ["a.py:1", "b.py:2"],
        "the verify command and restore the record from a": ["a.py:1", "b.py:2"],
        "verify command and restore the record from a backup": ["a.py:1", "b.py:2"],
    }


MAX_FUNCTION_LINES = 60
# Today's functions in mps_pain over MAX_FUNCTION_LINES, each with why it is still one function.
# Split one below the limit and its entry must go (the test says so); no new function joins the
# list. (Over 50 lines, more stand today, from 51 to 60.)
LONG_FUNCTIONS: dict[str, str] = {
    "domain/mme.py:compute_mme": "the MME pipeline's steps in order, each a call",
    "domain/max_dose.py:_drug_max_dose_warning": "one drug's maximum and its exceptions",
    "domain/rotation/check.py:_check": "the check's verdict shaping (clinical-a's area)",
    "domain/rotation/shape_per_dose.py:shape_per_dose": "the per-dose rounding policy",
    "tables/integrity_rotation.py:check_rotation": "a list of integrity checks, in order",
    "persistence/migrations/versions/0001_initial.py:upgrade": "frozen history: the first DDL",
}


def _function_lengths() -> dict[str, int]:
    lengths: dict[str, int] = {}
    for path in sorted((REPO / "mps_pain").rglob("*.py")):
        module = path.relative_to(REPO / "mps_pain").as_posix()
        for node in _nodes(path):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                key = f"{module}:{node.name}"
                lengths[key] = max(lengths.get(key, 0), node.end_lineno - node.lineno + 1)
    return lengths


def test_every_function_of_the_core_reads_at_once() -> None:
    """Functions short enough to read at once: at most MAX_FUNCTION_LINES lines (def to last
    line), but for the listed ones; a listed one split below the limit leaves the list."""
    lengths = _function_lengths()
    too_long = {
        key: n for key, n in lengths.items() if n > MAX_FUNCTION_LINES and key not in LONG_FUNCTIONS
    }
    assert too_long == {}, f"split these (or shorten them): {too_long}"
    stale = [key for key in LONG_FUNCTIONS if lengths.get(key, 0) <= MAX_FUNCTION_LINES]
    assert stale == [], f"now short enough: remove them from LONG_FUNCTIONS: {stale}"


MAX_MODULE_LINES = 400  # the brief: modules under about 400 lines, one concept each


def test_every_module_has_at_most_400_lines() -> None:
    """No exception list: a module that grows past the limit is split by concept."""
    too_long = [
        f"{path.relative_to(REPO)}: {lines} lines"
        for package in ("mps_pain", "ui", "mps_pain_cli")
        for path in sorted((REPO / package).rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert not too_long, "split these by concept:\n" + "\n".join(too_long)


# A unit compared as text: ``.unit == "mg"``, ``.unit.startswith("mcg")``, ``unit.split("/")``,
# ``unit.endswith("/h")``. Units are values (issue 11 §3): use ``unit_kinds.same_unit``,
# ``mass_unit_of`` or ``time_unit_of``, which ask pint what the unit is.
_UNIT_AS_TEXT = re.compile(
    r"""\.unit\s*(==|!=)\s*["']|\.unit\.(startswith|endswith|split)\(|unit\w*\)?\.split\(["']/"""
    r"""|unit["']?[,)]?[^\n]{0,20}\)\)?\.endswith\(["']/"""
)


def test_no_unit_is_compared_as_text() -> None:
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for package in ("mps_pain", "ui", "mps_pain_cli")
        for path in sorted((REPO / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _UNIT_AS_TEXT.search(line)
    ]
    assert found == [], "compare units by what they are (unit_kinds):\n" + "\n".join(found)


def _worded_names(scope: ast.AST) -> set[str]:
    """The names ``scope`` binds to an f-string (``unit = f"mg/day {label}"``, a tuple's too)."""
    names: set[str] = set()
    for node in ast.walk(scope):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            pairs = [(target, node.value)]
            if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                pairs = list(zip(target.elts, node.value.elts, strict=False))
            names |= {
                t.id for t, v in pairs if isinstance(t, ast.Name) and isinstance(v, ast.JoinedStr)
            }
    return names


def _unit_against_words(tree: ast.AST) -> list[int]:
    """Lines where a ``.unit`` is compared with an f-string, or with a name bound to one in the
    same function: what a quantity measures read from the words it is said in."""
    found: set[int] = set()
    scopes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for scope in [tree, *scopes]:
        worded = _worded_names(scope) if scope is not tree else set()
        for node in ast.walk(scope):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            unit = any(isinstance(s, ast.Attribute) and s.attr == "unit" for s in sides)
            words = any(
                isinstance(s, ast.JoinedStr) or (isinstance(s, ast.Name) and s.id in worded)
                for s in sides
            )
            if unit and words:
                found.add(node.lineno)
    return sorted(found)


def test_no_unit_is_compared_with_the_words_of_a_label() -> None:
    """What a range or an amount measures is a value (``CheckResult.measure``, a pint unit),
    never its unit compared with words built for it (session 17: three rules read whether a
    check's range was in OME a day by ``result.unit == f"mg/day {label}"``)."""
    found = [
        f"{path.relative_to(REPO)}:{line}"
        for package in ("mps_pain", "ui", "mps_pain_cli")
        for path in sorted((REPO / package).rglob("*.py"))
        for line in _unit_against_words(_parsed(path)[1])
    ]
    assert found == [], "read what it measures, not its words:\n" + "\n".join(found)


def test_the_label_words_check_finds_each_old_form() -> None:
    """The three forms the rules used (``rescue_top``, ``check_label``, ``presentation.check``)."""
    forms = [
        'def f(result, label):\n    return result.unit != f"mg/day {label}"\n',
        'def f(result, s):\n    return result.unit == f"mg/day {s.output_label}" and 1 > 0\n',
        'def f(result):\n    unit = f"mg/day {result.ome_label}"\n    return result.unit == unit\n',
        'def f(r):\n    a, unit = 1, f"mg/day {r.x}"\n    return unit != r.unit\n',
    ]
    assert [_unit_against_words(ast.parse(form)) for form in forms] == [[2], [2], [3], [3]]
    assert _unit_against_words(ast.parse("def f(a, b):\n    return a.unit == b.unit\n")) == []


# Data that decides nothing clinical, so it stays out of the data's identity (session 17):
# the published example cases and the practice exercises are examples a user opens (each
# result computed from one carries the identity of the rule files that decided it), and the
# record of the hashes is the identity itself.
_NOT_RULE_DATA = {"cases", "exercises", "conversion_tables.sha256"}


def _data_reads(path: Path) -> tuple[list[str], list[str]]:
    """The names read from ``data/`` by one module (``data_dir() / NAME`` and
    ``read_rule_file(NAME)``, NAME a string or a module constant), and the uses of ``data_dir()``
    that name no file (each must be one of the few that read nothing)."""
    from mps_pain.tables import data_identity

    tree = _parsed(path)[1]
    constants = {
        "IDENTITY_FILE": data_identity.IDENTITY_FILE,  # the identity's names, imported elsewhere
        "TABLES_FILE": data_identity.TABLES_FILE,
    } | {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    }

    def name_of(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        return constants.get(node.id) if isinstance(node, ast.Name) else None

    def is_call(node: ast.AST, function: str) -> bool:
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == function
        )

    names, unnamed, counted = [], [], set()
    for node in _nodes(path):
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Div)
            and is_call(node.left, "data_dir")
        ):
            counted.add(id(node.left))
            found = name_of(node.right)
            names.append(found) if found else unnamed.append(ast.unparse(node))
        elif is_call(node, "read_rule_file"):
            assert isinstance(node, ast.Call)
            found = name_of(node.args[0]) if node.args else None
            names.append(found) if found else unnamed.append(ast.unparse(node))
    for node in _nodes(path):
        if is_call(node, "data_dir") and id(node) not in counted:
            unnamed.append(ast.unparse(node))
    return names, unnamed


# ``data_dir()`` used without naming a file: the identity's own readers of each listed file
# (``read_rule_file``, the hashes, ``--record``), and the app's check that a file opened from
# data/ opens read-only (it reads nothing).
_DATA_DIR_WITHOUT_A_FILE = {
    "mps_pain/tables/data_identity.py": ["data_dir() / name"] * 3,
    "ui/files.py": ["data_dir()"],
}


def test_every_data_file_the_code_reads_is_in_the_datas_identity() -> None:
    """Every file read from data/ for a decision is listed in conversion_tables.sha256, so the
    hash a result carries covers it (a new rule file must be listed, or it is not covered)."""
    from mps_pain.tables.data_identity import recorded

    listed = set(recorded().digests)
    outside, unnamed = [], {}
    for package in ("mps_pain", "mps_pain_cli", "ui"):
        for path in sorted((REPO / package).rglob("*.py")):
            names, others = _data_reads(path)
            where = str(path.relative_to(REPO))
            outside += [f"{where}: {n}" for n in names if n not in listed | _NOT_RULE_DATA]
            if others:
                unnamed[where] = sorted(others)
    assert outside == [], "list these in data/conversion_tables.sha256 (then --record)"
    assert unnamed == _DATA_DIR_WITHOUT_A_FILE
    on_disk = {p.name for p in (REPO / "data").iterdir()}
    assert on_disk - listed - _NOT_RULE_DATA == set(), "a data file no result could name"


def test_the_data_read_scan_finds_each_form(tmp_path: Path) -> None:
    module = tmp_path / "reader.py"
    module.write_text(
        'NAME = "new_rules.yaml"\n'
        'a = data_dir() / "other.yaml"\n'
        "b = data_dir() / NAME\n"
        'c = read_rule_file("third.yaml")\n'
        "d = data_dir().joinpath(variable)\n",
        encoding="utf-8",
    )
    names, unnamed = _data_reads(module)
    assert names == ["other.yaml", "new_rules.yaml", "third.yaml"]
    assert unnamed == ["data_dir()"]

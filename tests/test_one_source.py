"""One source per fact: no word list is written twice where the code can see it.

Every module-level (and class-level) set, list or tuple literal of 3+ strings under
storyline/ is a "place"; so is every list of the lexicon files (storyline/data/lexicons). Two
places in different modules, or a module and a lexicon list, that share 3+ words and more
than half of the smaller one are the same fact written twice: one of them should read the other.

Not facts of their own: spaCy's label names (dependency labels, tags, entity types), and
selections of the output schema's codes and names (models.py: sectors, event types, modalities
...; the store's table and column names; a report's fields), which are distinct facts by name
and only clash when identical. The scorers of `storyline eval` (kept independent of the system
they score) are outside the scan.
"""
from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass, fields
from pathlib import Path

from spacy.glossary import GLOSSARY

from storyline import lexicon, models
from storyline.store import db, stories

PACKAGE = Path(lexicon.__file__).resolve().parent
NOT_SCANNED = ("evaluate",)
SCHEMA_CODES = frozenset(
    [*models.SECTORS, *models.EVENT_TYPES, *models.MODALITIES, *models.ACTOR_KINDS, *models.SPEAKER_TYPES,
     *models.ORGANIZATION_CODES, *models.EVIDENCE, *db.TABLES, *stories.DERIVED_TABLES,
     *(c for columns in db.INSERT_COLUMNS.values() for c in columns),
     *(c for columns in stories.COLUMNS.values() for c in columns),
     *(f.name for f in fields(models.Report))])
MIN_SHARED = 3


@dataclass(frozen=True)
class Place:
    where: str       # "events/modality.py:24 _FUTURE_GOVERNORS" or "lexicons/modality.tsv future_governor"
    module: str
    words: frozenset[str]
    codes: bool      # a selection of the output schema's codes


def _literal_strings(node: ast.AST) -> list[str] | None:
    if not isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        return None
    strings = [i.value for i in node.elts if isinstance(i, ast.Constant) and isinstance(i.value, str)]
    return strings if len(strings) >= MIN_SHARED and len(strings) == len(node.elts) else None


def code_places(root: Path = PACKAGE) -> list[Place]:
    places = []
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root).as_posix()
        if module.split("/")[0] in NOT_SCANNED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        statements = [*tree.body, *(s for c in tree.body if isinstance(c, ast.ClassDef) for s in c.body)]
        for statement in statements:
            if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
                continue
            name = ast.unparse(statement.targets[0] if isinstance(statement, ast.Assign) else statement.target)
            for node in ast.walk(statement):
                strings = _literal_strings(node)
                if strings is None or all(s in GLOSSARY for s in strings):
                    continue
                places.append(Place(f"{module}:{node.lineno} {name}", module, frozenset(s.lower() for s in strings),
                                    all(s in SCHEMA_CODES for s in strings)))
    return places


def lexicon_places() -> list[Place]:
    return [Place(f"lexicons/{path.name} {name}", f"lexicons/{path.name}", words, False)
            for path in sorted(lexicon.WORD_TABLE_DIR.glob("*.tsv"))
            for name, words in lexicon.word_table(path.stem).lists.items()]


def same_fact(a: Place, b: Place) -> bool:
    if a.module == b.module or (a.module.startswith("lexicons/") and b.module.startswith("lexicons/")):
        return False  # side by side in one file, or named lists of the lexicons: visibly distinct
    if a.codes or b.codes:
        return a.words == b.words
    shared = len(a.words & b.words)
    return shared >= MIN_SHARED and 2 * shared > min(len(a.words), len(b.words))


def duplicates(places: list[Place]) -> list[str]:
    return [f"{a.where} and {b.where} share {sorted(a.words & b.words)}"
            for a, b in itertools.combinations(places, 2) if same_fact(a, b)]


def test_no_word_list_is_written_twice():
    found = duplicates(code_places() + lexicon_places())
    assert not found, "facts written twice (read one from the other or from storyline/data/lexicons):\n" + "\n".join(found)


def test_the_scan_finds_a_copied_list(tmp_path):
    """A module that writes its own pronouns or future markers again is caught."""
    (tmp_path / "copy.py").write_text('PRONOUNS = {"he", "she", "him", "her"}\n'
                                      'class Markers:\n    FUTURE = ("expect", "schedule", "plan", "likely")\n')
    found = duplicates(code_places(tmp_path) + lexicon_places())
    assert any("copy.py:1 PRONOUNS" in f and "pronouns.tsv person" in f for f in found)
    assert any("copy.py:3 FUTURE" in f and "modality.tsv future_governor" in f for f in found)
    assert not duplicates(code_places(tmp_path))  # one module alone repeats nothing


def test_lexicon_files_hold_each_word_once_and_describe_their_lists():
    for path in sorted(lexicon.WORD_TABLE_DIR.glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        comments = "\n".join(line for line in lines if line.startswith("#"))
        rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
        header, rows = rows[0], rows[1:]
        assert header[:2] == ["word", "lists"], path.name
        assert all(len(row) == len(header) for row in rows), path.name
        words = [row[0] for row in rows]
        assert len(words) == len(set(words)), f"{path.name}: {sorted(w for w in words if words.count(w) > 1)}"
        assert all(w == w.strip().lower() and w for w in words), path.name
        for name in lexicon.word_table(path.stem).lists:
            assert name in comments, f"{path.name}: list {name} is not described in the header"


def test_the_dashboard_names_no_event_type():
    """Which quad a type is, the dashboard learns from GET /api/event-types."""
    script = (PACKAGE / "web" / "static" / "app.js").read_text(encoding="utf-8")
    assert not [event for event in models.EVENT_TYPES if event in script]


def test_event_kinship_is_symmetric_and_names_plover_types():
    from storyline.stories.linking import KIN

    assert KIN and set(KIN) | {t for kin in KIN.values() for t in kin} <= set(models.EVENT_TYPES)
    assert all(a in KIN[b] for a, kin in KIN.items() for b in kin)

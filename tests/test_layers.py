"""The store layer is the only code that speaks SQL or touches a database connection."""
import ast
import re
from pathlib import Path

import storyline

PACKAGE = Path(storyline.__file__).resolve().parent
STORE = PACKAGE / "store"
SQL = re.compile(r"\b(SELECT\b.+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"CREATE\s+(TABLE|INDEX|SEQUENCE)|ALTER\s+TABLE|DROP\s+TABLE)\b", re.S)
CONNECTION_CALLS = {"execute", "executemany", "sql", "cursor", "fetchall", "fetchone", "register"}


def violations(path: Path) -> list[str]:
    """SQL text, database imports and connection calls in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(f"{path.name}:{node.lineno}: SQL text {node.value[:40]!r}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n.split(".")[0] in ("duckdb", "psycopg", "sqlite3") for n in names):
                found.append(f"{path.name}:{node.lineno}: imports a database driver")
        elif isinstance(node, ast.Attribute) and (node.attr == "con" or (
                node.attr in CONNECTION_CALLS and isinstance(node.ctx, ast.Load))):
            found.append(f"{path.name}:{node.lineno}: .{node.attr}")
    return found


def test_sql_and_connections_only_in_the_store_layer():
    outside = [p for p in PACKAGE.rglob("*.py") if STORE not in p.parents]
    assert len(outside) > 30
    problems = [v for p in outside for v in violations(p)]
    assert problems == []


def test_the_check_finds_sql_and_connection_use(tmp_path):
    leaky = tmp_path / "leaky.py"
    leaky.write_text("import duckdb\n\ndef f(store):\n"
                     "    return store.con.execute('SELECT id FROM reports WHERE id = ?', [1]).fetchall()\n")
    found = violations(leaky)
    assert any("SQL text" in v for v in found) and any("driver" in v for v in found)
    assert any(".con" in v for v in found) and any(".fetchall" in v for v in found)
    assert violations(STORE / "db.py")     # the store layer itself is full of both

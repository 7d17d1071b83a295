"""The two helpers every table of the store is written and read with."""
from __future__ import annotations

from typing import Sequence


def bulk_insert(con, table: str, columns: Sequence[str], rows: list[tuple], on_conflict: str = "") -> None:
    """Insert many rows in one statement, through Arrow: DuckDB's executemany runs one statement
    per row, orders of magnitude slower (on PostgreSQL, through COPY). `on_conflict` is an optional
    ON CONFLICT clause."""
    if not rows:
        return
    if getattr(con, "dialect", "duckdb") == "postgresql":
        con.copy_rows(table, columns, rows, on_conflict)
        return
    import pyarrow as pa

    # DuckDB reads the local Arrow table `batch_rows` by its name (a replacement scan): unlike
    # register(), that works while an earlier statement's result is still open on the connection.
    batch_rows = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})  # noqa: F841
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM batch_rows {on_conflict}")


def dicts(con, sql: str, params: Sequence = ()) -> list[dict]:
    """The rows of a query as dicts keyed by column name."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]

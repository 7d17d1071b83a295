"""PostgreSQL as the store: one server that a team's ingests, servers and analysts share.

The store's SQL is written in the subset DuckDB and PostgreSQL both speak, with DuckDB's `?`
placeholders; `PgConnection` gives a psycopg 3 connection the calling convention the store uses
on a DuckDB connection (`execute(sql, params)` returning something to fetch from, `cursor()`),
turning placeholders into psycopg's. Bulk inserts go through COPY. Several processes may write
at once: each batch is one transaction (`BEGIN` ... `COMMIT`, as on DuckDB) that takes an
advisory lock first, so that writers take turns (two ingests of one report cannot both find it
new) while readers go on reading; the schema is created under another such lock so that two
first starts do not race.

`--db postgresql://user@host:port/dbname`: the password comes from the URL or from the usual
PostgreSQL environment variables and files (PGPASSWORD, ~/.pgpass), as libpq reads them.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterator, Optional, Sequence

URL_PREFIXES = ("postgresql://", "postgres://")
_SCHEMA_LOCK = 0x5701_1e   # advisory lock key held while the schema is created or upgraded
_WRITE_LOCK = 0x5701_1f    # held by each writing transaction: writers take turns, readers never wait
_PLACEHOLDER_RE = re.compile(r"%|\?")


def is_postgres_url(db: str) -> bool:
    return str(db).startswith(URL_PREFIXES)


def _pyformat(sql: str) -> str:
    """DuckDB's `?` placeholders as psycopg's `%s` (and a literal `%` doubled)."""
    return _PLACEHOLDER_RE.sub(lambda m: "%%" if m.group() == "%" else "%s", sql)


class PgConnection:
    """A psycopg connection in autocommit mode (transactions are the store's BEGIN/COMMIT)."""

    dialect = "postgresql"

    def __init__(self, url: str, raw=None):
        import psycopg

        self.url = url
        self._owner = raw is None
        if raw is None:
            try:
                raw = psycopg.connect(url, autocommit=True)
            except psycopg.OperationalError as exc:
                raise RuntimeError(f"{_safe(url)}: cannot connect to PostgreSQL ({str(exc).strip()})") from None
            # JSON columns come back as text, as DuckDB returns them (the store parses them itself)
            from psycopg.types.string import TextLoader
            raw.adapters.register_loader("json", TextLoader)
        self.raw = raw

    def execute(self, sql: str, params: Optional[Sequence] = None):
        cur = self.raw.cursor()
        if params:
            cur.execute(_pyformat(sql), list(params))
        else:
            cur.execute(sql)   # no parameters: several statements may run at once (the schema)
        return cur

    @property
    def name(self) -> str:
        """The URL without its password, for messages."""
        return _safe(self.url)

    def has_table(self, table: str) -> bool:
        return self.execute("SELECT to_regclass(?) IS NOT NULL", [table]).fetchone()[0]

    def cursor(self) -> "PgConnection":
        return PgConnection(self.url, self.raw)

    def close(self) -> None:
        if self._owner:
            self.raw.close()

    @contextmanager
    def schema_lock(self) -> Iterator[None]:
        self.execute("SELECT pg_advisory_lock(?)", [_SCHEMA_LOCK])
        try:
            yield
        finally:
            self.execute("SELECT pg_advisory_unlock(?)", [_SCHEMA_LOCK])

    def write_parquet_dataset(self, query: str, folder: str, partition: str) -> None:
        """The rows of `query` as a hive-partitioned Parquet dataset, a chunk at a time."""
        import pyarrow as pa
        import pyarrow.dataset as ds

        cur = self.raw.cursor()
        cur.execute(query)
        schema = pa.schema([(c.name, _arrow_type(c.type_code)) for c in cur.description])
        names = [c.name for c in cur.description]
        chunk = 0
        while rows := cur.fetchmany(EXPORT_CHUNK):
            table = pa.Table.from_pylist([dict(zip(names, row)) for row in rows], schema=schema)
            ds.write_dataset(table, folder, format="parquet", basename_template=f"part-{chunk}-{{i}}.parquet",
                             partitioning=ds.partitioning(pa.schema([(partition, pa.string())]), flavor="hive"),
                             existing_data_behavior="overwrite_or_ignore")
            chunk += 1

    def take_write_turn(self) -> None:
        """Inside a transaction: wait for other writers' transactions to end (released at COMMIT)."""
        self.execute("SELECT pg_advisory_xact_lock(?)", [_WRITE_LOCK])

    def copy_rows(self, table: str, columns: Sequence[str], rows: list[tuple], on_conflict: str = "") -> None:
        """Insert rows with COPY; with an ON CONFLICT clause, through a temporary table (COPY
        itself cannot resolve conflicts)."""
        names = ", ".join(columns)
        target = f"_copy_{table}" if on_conflict else table
        cur = self.raw.cursor()
        if on_conflict:
            cur.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {target} (LIKE {table})")
            cur.execute(f"TRUNCATE {target}")
        with cur.copy(f"COPY {target} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if on_conflict:
            cur.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {target} {on_conflict}")


# PostgreSQL column types (OIDs) as Arrow types, so that every chunk of an export has one schema
_ARROW_TYPES = {16: "bool_", 20: "int64", 21: "int32", 23: "int32", 700: "float32", 701: "float64", 1082: "date32",
                1114: "timestamp_us", 25: "string", 1043: "string", 114: "string", 3802: "string"}
_LIST_OF_TEXT = (1009, 1015)
EXPORT_CHUNK = 50_000


def _arrow_type(oid: int):
    import pyarrow as pa

    if oid in _LIST_OF_TEXT:
        return pa.list_(pa.string())
    name = _ARROW_TYPES.get(oid, "string")
    return pa.timestamp("us") if name == "timestamp_us" else getattr(pa, name)()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)

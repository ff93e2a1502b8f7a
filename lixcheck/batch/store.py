"""The batch result store: an append-only SQLite file, one row per document plus its findings.

Why SQLite and not JSONL: a run over millions of letters must resume without holding the ids of finished documents
in memory (an indexed lookup per shard keeps memory flat), each shard is committed in one transaction (after
``kill -9`` the file holds whole shards only, never a torn line), and ``UNIQUE(id)`` makes a duplicate result
impossible rather than merely unlikely. Rows are only ever inserted; nothing is updated or deleted.

No letter text is stored: a document row holds counts, LIX and ids; a finding row holds the rule, position and the
short matched phrase with CPR numbers masked (``mask``). The one exception is template discovery
(lixcheck.batch.templates): per template found, one representative letter with its merge values masked and only the
words that other letters of the template share (table ``templates``), and the MinHash signatures of the templates'
prototypes (``template_prototypes``: 64 numbers per prototype, from which no text can be read back).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

STORE_NAME = "results.sqlite"
SCHEMA_VERSION = 2  # 2: template discovery (template_cluster, sender_clear, the template tables)

DOC_COLUMNS = (
    "id", "hash", "status", "error_code", "source", "format", "kind", "template", "sender", "sent", "date",
    "lix", "band", "words", "sentences", "long_words", "findings", "is_decision", "klagevejledning", "summary",
    "sender_clear", "template_cluster",
)
# Columns added after schema version 1: added to an older store when it is opened for writing.
ADDED_COLUMNS = {"sender_clear": "INTEGER", "template_cluster": "INTEGER"}
FINDING_COLUMNS = ("rule", "severity", "category", "offset", "length", "line", "col", "block", "text")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hash TEXT,
    status TEXT NOT NULL,          -- ok | error
    error_code TEXT,               -- InputError.code for error rows
    source TEXT, format TEXT, kind TEXT, template TEXT, sender TEXT,
    sent INTEGER,                  -- how many recipients got this letter (volume weight), NULL = 1
    date TEXT,                     -- ISO date when known (YYYY-MM-DD)
    lix REAL, band TEXT, words INTEGER, sentences INTEGER, long_words INTEGER,
    findings INTEGER,
    is_decision INTEGER, klagevejledning INTEGER,  -- from the Report's "letter" section when present
    summary TEXT,                  -- JSON: findings by rule/severity/category
    sender_clear INTEGER,          -- the Report's sender section: is the sender clear (1/0, NULL = not checked)
    template_cluster INTEGER       -- the template found by lixcheck.batch.templates (NULL: not grouped)
);
CREATE TABLE IF NOT EXISTS findings (
    doc_seq INTEGER NOT NULL REFERENCES documents(seq),
    rule TEXT NOT NULL, severity TEXT, category TEXT,
    offset INTEGER, length INTEGER, line INTEGER, col INTEGER, block INTEGER,
    text TEXT                      -- the matched phrase (only if short), CPR numbers masked
);
CREATE INDEX IF NOT EXISTS findings_doc ON findings(doc_seq);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);
CREATE TABLE IF NOT EXISTS template_prototypes (
    key INTEGER PRIMARY KEY,
    cluster INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,      -- the letter's place in the grouping order
    signature BLOB NOT NULL        -- MinHash signature (uint32 values)
);
CREATE TABLE IF NOT EXISTS templates (
    cluster INTEGER PRIMARY KEY,
    representative TEXT NOT NULL,  -- merge values masked; only words that other letters of the template share
    letters INTEGER NOT NULL,      -- letters that agree on it
    doc_id TEXT                    -- the document it was taken from
);
"""
_AFTER_MIGRATION = "CREATE INDEX IF NOT EXISTS documents_template ON documents(template_cluster);"
_INSERT_DOCUMENT = (f"INSERT OR IGNORE INTO documents (seq, {','.join(DOC_COLUMNS)}) "
                    f"VALUES (?, {','.join('?' * len(DOC_COLUMNS))})")
_INSERT_FINDING = (f"INSERT INTO findings (doc_seq, {','.join(FINDING_COLUMNS)}) "
                   f"VALUES (?, {','.join('?' * len(FINDING_COLUMNS))})")


def stored_count(directory: str | Path) -> int:
    """Documents stored so far, read-only, for watching a running batch: 0 while the store is missing or busy."""
    try:
        with Store(directory, readonly=True) as store:
            return store.count()
    except (FileNotFoundError, sqlite3.Error):
        return 0


class Store:
    """Single writer (the batch parent process). Readers may open the file at any time."""

    def __init__(self, directory: str | Path, *, readonly: bool = False):
        self.directory = Path(directory)
        self.path = self.directory / STORE_NAME
        if readonly:
            if not self.path.is_file():
                raise FileNotFoundError(self.path)
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        else:
            self.directory.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None)  # explicit BEGIN/COMMIT below
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: consistent after kill -9 or power loss
            self.db.executescript(_SCHEMA)
            have = {r[1] for r in self.db.execute("PRAGMA table_info(documents)")}
            for name, kind in ADDED_COLUMNS.items():
                if name not in have:
                    self.db.execute(f"ALTER TABLE documents ADD COLUMN {name} {kind}")
            self.db.execute(_AFTER_MIGRATION)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        self.columns = {r[1] for r in self.db.execute("PRAGMA table_info(documents)")}

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- meta ---------------------------------------------------------------------------------------------------
    def set_meta(self, key: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                        (key, json.dumps(value, ensure_ascii=False, default=str)))

    def meta(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self.db.execute("SELECT key, value FROM meta")}

    # -- writing ------------------------------------------------------------------------------------------------
    def done(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids already have a result (one indexed query per shard: memory stays flat)."""
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(q, chunk))
        return found

    def add(self, rows: Iterable[dict[str, Any]], templates=None) -> int:
        """Append results in one transaction; a row whose id is already stored is ignored. Returns rows added.
        ``templates``: what grouping these rows produced (lixcheck.batch.templates.Events), in the same transaction."""
        rows = list(rows)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if templates is not None:
                self._add_templates(templates)
            # One statement for all rows and one for all findings (a statement per row and per row's findings cost
            # more than the rest of the parent's work): each row gets the next sequence number itself, so that its
            # findings can name it before knowing which rows were new.
            first = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
            before = self.db.total_changes
            self.db.executemany(_INSERT_DOCUMENT, [(first + i, *[row.get(c) for c in DOC_COLUMNS])
                                                   for i, row in enumerate(rows)])
            added = self.db.total_changes - before
            stored = range(first, first + len(rows))
            if added < len(rows):  # ids stored before: those rows were ignored, and so are their findings
                stored = {r[0] for r in self.db.execute("SELECT seq FROM documents WHERE seq >= ?", (first,))}
            self.db.executemany(_INSERT_FINDING, [(first + i, *f) for i, row in enumerate(rows)
                                                  if first + i in stored for f in row.get("finding_rows") or ()])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return added

    def _add_templates(self, events) -> None:
        self.db.executemany("INSERT INTO template_prototypes VALUES (?, ?, ?, ?)", events.prototypes)
        self.db.executemany("INSERT OR IGNORE INTO templates VALUES (?, ?, ?, ?)", events.templates)

    def add_templates(self, events) -> None:
        """Store grouping results on their own (the representatives finished at the end of a run)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._add_templates(events)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def grouping_state(self, window: int) -> dict[str, Any]:
        """What template grouping needs to continue: letters grouped, the next cluster id, the clusters with two
        letters or more, the prototypes of those and of one-letter clusters among the last ``window`` letters, and
        the clusters that have a representative."""
        ordinal = self.db.execute("SELECT COUNT(template_cluster) FROM documents").fetchone()[0]
        top = self.db.execute("SELECT MAX(cluster) FROM template_prototypes").fetchone()[0] or 0
        multi = {r[0] for r in self.db.execute(
            "SELECT template_cluster FROM documents WHERE template_cluster IS NOT NULL "
            "GROUP BY template_cluster HAVING COUNT(*) > 1")}
        cut = ordinal - window
        prototypes = [r for r in self.db.execute(
            "SELECT key, cluster, ordinal, signature FROM template_prototypes ORDER BY key")
            if r[2] >= cut or r[1] in multi]
        represented = {r[0] for r in self.db.execute("SELECT cluster FROM templates")}
        return {"ordinal": ordinal, "next_cluster": top + 1, "multi": multi, "prototypes": prototypes,
                "represented": represented}

    # -- reading ------------------------------------------------------------------------------------------------
    def count(self, status: str | None = None) -> int:
        if status:
            return self.db.execute("SELECT COUNT(*) FROM documents WHERE status = ?", (status,)).fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def documents(self) -> Iterator[dict[str, Any]]:
        """Every document row in insertion order, as dicts (streamed)."""
        select = ",".join(c if c in self.columns else f"NULL AS {c}" for c in DOC_COLUMNS)  # (an older store)
        cur = self.db.execute(f"SELECT seq, {select} FROM documents ORDER BY seq")
        names = ("seq", *DOC_COLUMNS)
        for r in cur:
            yield dict(zip(names, r, strict=True))

    def findings_of(self, seq: int) -> list[dict[str, Any]]:
        cur = self.db.execute(
            f"SELECT {','.join(FINDING_COLUMNS)} FROM findings WHERE doc_seq = ? ORDER BY offset, rule", (seq,))
        return [dict(zip(FINDING_COLUMNS, r, strict=True)) for r in cur]

    def results(self) -> Iterator[dict[str, Any]]:
        """Document rows with their findings, without the store's own sequence number (for comparisons/export)."""
        for row in self.documents():
            seq = row.pop("seq")
            row["finding_rows"] = self.findings_of(seq)
            yield row

"""Run a batch: stream items in shards to workers (local process pool or Dask), append results to the store.

Workers get shards of item references (paths, archive members, JSONL offsets), read the letters themselves, run the
one analysis path (``Checker.check_document`` through the paragraph cache) and return small result rows: counts, LIX and
findings with CPR numbers masked, never letter text. The parent is the store's only writer and commits one shard per
transaction, in input order, so a killed run leaves whole shards behind and a re-run skips them.

Template discovery (lixcheck.batch.templates) is split the same way: a worker signs each letter (a MinHash signature
and the letter with its merge values masked, held in memory only); the parent groups the letters in input order
(so every engine and a resumed run group alike) and stores a cluster id per letter with the shard.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import merge_values
from ..checker import Checker
from ..config import Config
from ..errors import InputError
from ..privacy import mask_cpr
from .reuse import Normalised, Outline
from .sources import Item, Opener, iter_items, shards
from .store import Store

ENGINES = ("local", "dask")
DEFAULT_SHARD = 200
DEFAULT_CACHE = 20_000
# A finding's matched text is stored only when it is a short phrase (a jargon word, a placeholder); sentence- and
# paragraph-level findings (long sentence, LIX, a missing title on a short first paragraph) would otherwise copy
# letter text into the store: a finding that covers a whole sentence or paragraph keeps no text, however short.
MAX_FINDING_TEXT = 40

# -- worker side ------------------------------------------------------------------------------------------------

_state: dict[tuple, Any] = {}
_state_lock = threading.Lock()


def _worker(config: Config, cache_size: int):
    """The analyser, paragraph cache and result reuse of this worker process, built once (spaCy loads once per
    worker)."""
    key = (config.key(), cache_size)
    with _state_lock:
        w = _state.get(key)
        if w is None:
            from .cache import BlockCache
            from .reuse import Reuse

            w = _state[key] = Reuse(BlockCache(Checker(config).load(), cache_size), cache_size)
        return w


def _signer():
    with _state_lock:
        s = _state.get("signer")
        if s is None:
            from .templates import Signer

            s = _state["signer"] = Signer()
        return s


def init_worker(config: Config, cache_size: int) -> None:
    """Load the pipeline when the worker starts. A failure here is raised again by the first shard, so that the
    parent gets the real error (a ConfigError, say) instead of a broken pool."""
    try:
        _worker(config, cache_size)
    except Exception:
        pass


def _base_row(item: Item) -> dict[str, Any]:
    return {"id": item.id, "source": item.source or item.ref[0], "kind": item.kind, "template": item.template,
            "sender": item.sender, "sent": item.sent, "date": item.date}


def result_row(item: Item, outline: Outline, text: str, normalised: Normalised | None, content_hash: str,
               mask: Callable[[str], str]) -> dict[str, Any]:
    """The store row for one checked letter (``text``): a rendering of the Outline of its Report, or of its
    normalised text's Report (lixcheck.batch.reuse); nothing is scored here."""
    row = _base_row(item)
    values = outline.row_values(text, normalised, MAX_FINDING_TEXT, mask)
    value, band, words, sentences, long_words = values["lix"]
    row.update({
        "hash": content_hash,
        "status": "ok",
        "format": outline.format,
        "kind": item.kind or outline.kind,
        "sender": item.sender or outline.sender,
        "date": str(item.date)[:10] if item.date else outline.date,
        "lix": value,
        "band": band,
        "words": words,
        "sentences": sentences,
        "long_words": long_words,
        "findings": values["findings"],
        "is_decision": outline.is_decision,
        "klagevejledning": outline.klagevejledning,
        "sender_clear": outline.sender_clear,
        "summary": _json(values["summary"]),
        "finding_rows": values["finding_rows"],
    })
    return row


def error_row(item: Item, code: str, content_hash: str | None = None) -> dict[str, Any]:
    row = _base_row(item)
    row.update({"status": "error", "error_code": code, "hash": content_hash})
    return row


def _json(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def process_shard(shard: list[Item], config: Config, cache_size: int = DEFAULT_CACHE,
                  templates: bool = False) -> dict[str, Any]:
    """Check one shard inside a worker. Never raises for a single bad document: it becomes an error row.
    ``templates``: also sign each letter for template discovery (``signature`` and ``masked`` in its row: for the
    parent's grouping only, never stored as they are; the parent masks CPR numbers in the few masked letters that it
    uses, see _grouper).

    The shard goes through one step at a time (read all, check all, build all rows, sign all) rather than letter by
    letter: each step's code and data stay in the CPU caches across the shard, which cuts the work around the check
    by about 40 % (benchmarks/batch.py). A shard's letters are held in this worker's memory meanwhile (200 by
    default), never written anywhere."""
    engine = _worker(config, cache_size)
    mask = mask_cpr  # the Report is already masked; stored rows are masked again as a safety net
    blocks = engine.blocks
    before = (blocks.lookups, blocks.hits, engine.lookups, engine.reused)
    rows: list[dict[str, Any] | None] = [None] * len(shard)

    def failed(i: int, e: Exception, content_hash: str | None = None) -> None:
        code = e.code if isinstance(e, InputError) else f"internal:{type(e).__name__}"  # the type, never the text
        rows[i] = error_row(shard[i], code, content_hash)

    read = []  # (index, document, content hash) of the letters that could be read
    opener = Opener(blocks.checker)
    with opener:
        for i, item in enumerate(shard):
            content_hash = None
            try:
                document, data = opener.read(item)
                content_hash = hashlib.sha256(data).hexdigest()[:32]
                read.append((i, document, content_hash))
            except Exception as e:  # a bug or hostile file must not stop the batch
                failed(i, e, content_hash)
    checked = []
    cpu0 = time.process_time()  # CPU seconds inside the checks: the anchor for the batch's overhead
    for i, document, content_hash in read:
        try:
            checked.append((i, document, content_hash, *engine.check(document, shard[i].kind)))
        except Exception as e:
            failed(i, e, content_hash)
    check_cpu = time.process_time() - cpu0
    ok = []
    for i, document, content_hash, outline, normalised, found in checked:
        try:
            rows[i] = result_row(shard[i], outline, document.text, normalised, content_hash, mask)
            ok.append((i, document, found))
        except Exception as e:
            failed(i, e, content_hash)
    if templates:
        signer = _signer()
        for i, document, found in ok:
            try:
                text = document.text
                signature, masked = signer.sign(text, None if found is None else merge_values.mask(text, found).text)
                rows[i]["signature"], rows[i]["masked"] = signature, masked
            except Exception as e:
                failed(i, e, rows[i]["hash"])
    return {"rows": rows, "lookups": blocks.lookups - before[0], "hits": blocks.hits - before[1],
            "letters_looked_up": engine.lookups - before[2], "reused": engine.reused - before[3],
            "check_cpu": check_cpu, "read_cpu": opener.read_cpu, "pid": os.getpid(),
            "rules_version": blocks.checker.rules_version}


# -- parent side ------------------------------------------------------------------------------------------------

@dataclass
class RunStats:
    total: int | None = None  # items in the sources (None when not counted)
    skipped: int = 0  # already in the store from an earlier run
    added: int = 0
    errors: int = 0
    duplicates: int = 0  # ids seen twice in the input (only the first result is kept)
    lookups: int = 0
    hits: int = 0
    letters_looked_up: int = 0  # letters that went through result reuse (lixcheck.batch.reuse)
    reused: int = 0  # ... and took an earlier letter's result
    check_cpu: float = 0.0  # CPU seconds the workers spent inside check_document (the rest is the batch's overhead)
    read_cpu: float = 0.0  # ... and in the reader (Checker.read), which check() runs too
    rules_version: str | None = None
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1
    templates: bool = False  # were the letters grouped into templates
    error_codes: dict[str, int] = field(default_factory=dict)

    @property
    def hit_rate(self) -> float | None:
        return self.hits / self.lookups if self.lookups else None

    @property
    def reuse_rate(self) -> float | None:
        return self.reused / self.letters_looked_up if self.letters_looked_up else None

    @property
    def rate(self) -> float:
        return self.added / self.seconds if self.seconds > 0 else 0.0


def count_items(sources: Iterable[str]) -> int:
    """How many items the sources hold (for the progress bar), counted as iter_items() yields them: JSONL lines
    are counted, not parsed, and a file an index names is counted once."""
    from .sources import _zip_items, iter_paths

    n = 0
    for path, kind in iter_paths(sources):
        if kind == "jsonl":
            with open(path, "rb") as f:
                n += sum(1 for line in f if line.strip())
        elif kind == "zip":
            n += sum(1 for _ in _zip_items(path))
        else:
            n += 1
    return n


def _todo(store: Store, items: Iterable[Item], shard_size: int, stats: RunStats) -> Iterator[list[Item]]:
    """Shards of items that are not in the store yet (one indexed lookup per shard)."""
    for shard in shards(items, shard_size):
        done = store.done(i.id for i in shard)
        seen: set[str] = set()
        todo = []
        for item in shard:
            if item.id in done:
                stats.skipped += 1
            elif item.id in seen:
                stats.duplicates += 1
            else:
                seen.add(item.id)
                todo.append(item)
        if todo:
            yield todo


class Progress:
    """tqdm on a terminal, plain log lines (counts and rates only, never letter text) otherwise."""

    def __init__(self, total: int | None, initial: int, enabled: bool, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total = total
        self.done = initial
        self.start = time.monotonic()
        self.start_done = initial
        self.last_log = self.start
        self.bar = None
        if enabled and getattr(self.stream, "isatty", lambda: False)():
            try:
                from tqdm import tqdm
            except ImportError:  # (lixcheck[batch] brings it) without it: the plain log lines below
                tqdm = None
            if tqdm is not None:
                self.bar = tqdm(total=total, initial=initial, unit="dok", file=self.stream, smoothing=0.1,
                                desc="lixcheck batch")

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.monotonic()
        if self.enabled and now - self.last_log >= 5:
            self.last_log = now
            self.log()

    def log(self) -> None:
        elapsed = time.monotonic() - self.start
        rate = (self.done - self.start_done) / elapsed if elapsed > 0 else 0.0
        line = f"lixcheck batch: {self.done}"
        if self.total:
            line += f"/{self.total} dokumenter ({100 * self.done / self.total:.0f} %)"
        else:
            line += " dokumenter"
        line += f", {rate:.1f} dok./s"
        if self.total and rate > 0:
            line += f", ca. {_duration((self.total - self.done) / rate)} tilbage"
        print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled:
            self.log()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} t {seconds % 3600 // 60} min"


def _grouper(store: Store, wanted: bool):
    """The template grouper for this store, continued from what it holds; None when grouping is off, or when the
    store was grouped with other settings (or by a lixcheck without template discovery)."""
    from . import templates

    stored = store.meta().get("templates")
    if stored is None:
        if not wanted or store.count():
            store.set_meta("templates", False)
            return None
        store.set_meta("templates", templates.SETTINGS)
        stored = templates.SETTINGS
    if not wanted or stored != templates.SETTINGS:
        return None
    grouper = templates.Grouper(clean=mask_cpr)  # the safety net for the representatives' text
    state = store.grouping_state(templates.WINDOW)
    grouper.restore(state["ordinal"], state["next_cluster"], state["prototypes"], state["multi"],
                    state["represented"])
    return grouper


def run(sources: list[str], out_dir: str | Path, *, config: Config | None = None, engine: str = "local",
        workers: int | None = None, scheduler: str | None = None, shard_size: int = DEFAULT_SHARD,
        cache_size: int = DEFAULT_CACHE, progress: bool = False, count: bool = True,
        templates: bool = True) -> RunStats:
    """Check every item of the sources into the store in out_dir; skip what an earlier run finished.
    ``templates``: find the templates of the letters (lixcheck.batch.templates); a store keeps the choice of its
    first run."""
    config = config or Config()
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    workers = max(1, workers or os.cpu_count() or 1)
    stats = RunStats(engine=engine, workers=workers)
    start = time.monotonic()
    with Store(out_dir) as store:
        store.set_meta("config", {k: v for k, v in config.__dict__.items()})
        grouper = _grouper(store, templates)
        stats.templates = grouper is not None
        stats.total = count_items(sources) if count else None
        bar = Progress(stats.total, store.count(), progress)
        items = iter_items(sources)

        def write(result: dict[str, Any]) -> None:
            rows = result["rows"]
            events = None
            if grouper is not None:
                from .templates import Events

                events = Events()
                skip = store.done(r["id"] for r in rows)  # (an id twice in the input is stored, and grouped, once)
                for r in rows:
                    signature = r.pop("signature", None)
                    masked = r.pop("masked", None)
                    if signature is not None and r["id"] not in skip:
                        skip.add(r["id"])
                        r["template_cluster"] = grouper.assign(signature, masked, r["id"], events)
            added = store.add(rows, events)
            stats.added += added
            stats.duplicates += len(rows) - added
            stats.lookups += result["lookups"]
            stats.hits += result["hits"]
            stats.letters_looked_up += result.get("letters_looked_up", 0)
            stats.reused += result.get("reused", 0)
            stats.check_cpu += result.get("check_cpu", 0.0)
            stats.read_cpu += result.get("read_cpu", 0.0)
            stats.rules_version = result.get("rules_version")
            for r in rows:
                if r["status"] == "error":
                    stats.errors += 1
                    code = r["error_code"]
                    stats.error_codes[code] = stats.error_codes.get(code, 0) + 1
            bar.update(len(rows))

        todo = _todo(store, items, shard_size, stats)
        try:
            if engine == "local":
                _run_local(todo, config, workers, cache_size, grouper is not None, write)
            else:
                _run_dask(todo, config, workers, scheduler, cache_size, grouper is not None, write)
            if grouper is not None:
                from .templates import Events

                events = Events()
                grouper.finish(events)  # the representatives confirmed by fewer than CONFIRM letters
                store.add_templates(events)
        finally:
            bar.close()
            stats.seconds = time.monotonic() - start
            store.set_meta("last_run", {"engine": engine, "workers": workers, "added": stats.added,
                                        "seconds": round(stats.seconds, 2), "cache_lookups": stats.lookups,
                                        "cache_hits": stats.hits, "reused": stats.reused,
                                        "rules_version": stats.rules_version})
    return stats


class _InOrder:
    """Shard futures in submission order: results are written in input order whatever order they finish in (the
    template grouping must see the letters in input order), and at most ``limit`` shards are in flight."""

    def __init__(self, limit: int, write):
        self.limit = limit
        self.write = write
        self.queue: deque = deque()

    def add(self, future) -> None:
        self.queue.append(future)
        while len(self.queue) >= self.limit:
            self.write(self.queue.popleft().result())

    def drain(self) -> None:
        while self.queue:
            self.write(self.queue.popleft().result())

    def cancel(self) -> None:
        for f in self.queue:
            f.cancel()


def _run_local(todo: Iterator[list[Item]], config: Config, workers: int, cache_size: int, sign: bool,
               write) -> None:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")  # a clean interpreter per worker: no inherited threads or locks
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker,
                             initargs=(config, cache_size)) as pool:
        in_order = _InOrder(2 * workers, write)
        try:
            for shard in todo:
                future: Future = pool.submit(process_shard, shard, config, cache_size, sign)
                in_order.add(future)
            in_order.drain()
        except BaseException:
            in_order.cancel()
            raise


def _run_dask(todo: Iterator[list[Item]], config: Config, workers: int, scheduler: str | None, cache_size: int,
              sign: bool, write) -> None:
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        in_order = _InOrder(2 * n_workers, write)
        try:
            for shard in todo:
                in_order.add(client.submit(process_shard, shard, config, cache_size, sign, pure=False))
            in_order.drain()
        except BaseException:
            in_order.cancel()
            raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

"""A Report as Word comments in a copy of the checked .docx.

One comment per finding, anchored on exactly the matched text: runs are split at the finding's edges (each half
keeps the run's formatting), then ``w:commentRangeStart``/``w:commentRangeEnd`` go around the runs. Author
"lixcheck"; the comment says the message and the suggested replacements. A summary comment with LIX sits on the
first text of the letter. Findings outside the main text (headers, footers, footnotes: python-docx writes comments
only into the main document part) are listed in the summary comment instead. A merge field or content control is
anchored as a whole.

The copy is always a plain .docx: a .docm's macros are unlinked and not written (output names must end in .docx).

CPR numbers never appear in a comment: any 10-digit CPR-like number in a comment's text is masked.

The offsets of the Report are the reader's offsets: the writer runs the same extraction (``readers.docx.extract``)
on the document it edits and refuses a Report whose text is not this document's text.
"""

from __future__ import annotations

import copy
import io
import re

from ..errors import InputError
from ..model import BAND_DA, SEVERITY_DA, Finding, Report
from ..readers.docx import W_P, W_RPR, W_T, XML_SPACE, Piece, extract, open_package, w

AUTHOR = "lixcheck"
INITIALS = "LIX"
# A CPR-shaped number, also one a Report already shows half-masked ("010190-XXXX").
_CPR = re.compile(r"(?<![\dX])\d{6}([-‐‑– ]?)(?:\d{4}|XXXX)(?![\dX])")
CPR_RULES = {"template.cpr"}


def mask_cpr(text: str) -> str:
    """Every CPR-shaped number in a comment becomes XXXXXX-XXXX (not even the birth date is shown)."""
    return _CPR.sub("XXXXXX-XXXX", text)


def same_text(document_text: str, report_text: str) -> bool:
    """The Report was made from this document. Reports show CPR numbers masked (same length), so CPR-shaped
    numbers are compared by shape only."""
    if len(document_text) != len(report_text):
        return False
    if document_text == report_text:
        return True

    def shape(text: str) -> str:
        return _CPR.sub(lambda m: "#" * len(m.group()), text)

    return shape(document_text) == shape(report_text)


def comment_text(f: Finding) -> str:
    head = f"{SEVERITY_DA.get(f.severity, f.severity)}: {f.message}"
    lines = [head]
    if f.replacements:
        lines.append("Forslag: " + " / ".join(f.replacements))
    lines.append(f"Regel: {f.rule}")
    text = "\n".join(lines)
    if f.rule in CPR_RULES:
        text = text.replace(f.text, "XXXXXX-XXXX") if f.text.strip() else text
    return mask_cpr(text)


def summary_text(report: Report, unanchored: list[Finding]) -> str:
    lx = report.lix
    if lx.value is None:
        head = f"lixcheck: LIX ikke beregnet ({lx.reason})."
    else:
        head = f"lixcheck: LIX {lx.value:.0f} ({BAND_DA.get(lx.band, lx.band)})."
    s = report.summary
    sev = s["by_severity"]
    lines = [head, f"{lx.words} ord, {lx.sentences} sætninger, {lx.long_words} lange ord.",
             f"{s['findings']} fund: {sev.get('error', 0)} fejl, {sev.get('warning', 0)} advarsler, "
             f"{sev.get('suggestion', 0)} forslag."]
    if unanchored:
        lines.append("Fund, der ikke kan få deres egen kommentar (i sidehoved, sidefod, fodnoter):")
        for f in unanchored:
            repl = f" → {' / '.join(f.replacements)}" if f.replacements else ""
            shown = "XXXXXX-XXXX" if f.rule in CPR_RULES else f.text
            lines.append(f"• «{shown}»: {f.message}{repl}")
    return mask_cpr("\n".join(lines))


# ---------------------------------------------------------------------------------------------------- run splitting


def _run_spans(pieces: list[Piece]) -> dict:
    """w:r → [start, end] over its splittable pieces."""
    spans: dict = {}
    for pc in pieces:
        if pc.r is None or pc.in_field:
            continue
        end = pc.start + len(pc.text)
        if pc.r in spans:
            spans[pc.r][1] = max(spans[pc.r][1], end)
        else:
            spans[pc.r] = [pc.start, end]
    return spans


def _split_run(r, pieces_of_run: list[Piece], at: int):
    """Split run ``r`` so that a new run (a copy with the same w:rPr) starts at document offset ``at``."""
    children = [c for c in r if c.tag != W_RPR]
    target = None
    k = 0
    for pc in pieces_of_run:
        if pc.start <= at < pc.start + len(pc.text):
            target, k = pc.child, at - pc.start
            break
    if target is None:
        return
    right = copy.deepcopy(r)
    rchildren = [c for c in right if c.tag != W_RPR]
    idx = children.index(target)
    for c in children[idx + 1:]:
        r.remove(c)
    for c in rchildren[:idx]:
        right.remove(c)
    if k == 0:
        r.remove(target)
    else:
        text = target.text or ""
        target.text = text[:k]
        rchildren[idx].text = text[k:]
        for el in (target, rchildren[idx]):
            if el.tag == W_T:
                el.set(XML_SPACE, "preserve")
    r.addnext(right)


def _split_at(pieces: list[Piece], offsets: set[int]) -> bool:
    spans = _run_spans(pieces)
    by_run: dict = {}
    for pc in pieces:
        if pc.r is not None and not pc.in_field:
            by_run.setdefault(pc.r, []).append(pc)
    changed = False
    for r, (s, e) in spans.items():
        inner = sorted((o for o in offsets if s < o < e), reverse=True)
        for o in inner:  # right to left: the left part keeps its element and offsets
            _split_run(r, by_run[r], o)
            changed = True
    return changed


# ---------------------------------------------------------------------------------------------------- anchoring


def _reference_run(cid: int):
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(w("val"), "CommentReference")
    rpr.append(style)
    r.append(rpr)
    ref = OxmlElement("w:commentReference")
    ref.set(w("id"), str(cid))
    r.append(ref)
    return r


def _mark(first, last, cid: int) -> None:
    from docx.oxml import OxmlElement

    start = OxmlElement("w:commentRangeStart")
    start.set(w("id"), str(cid))
    end = OxmlElement("w:commentRangeEnd")
    end.set(w("id"), str(cid))
    first.addprevious(start)
    last.addnext(end)
    end.addnext(_reference_run(cid))


def _paragraph(pc: Piece):
    return next(pc.first.iterancestors(W_P), None)


def _covering(pieces: list[Piece], starts: list[int], offset: int, length: int) -> list[Piece]:
    import bisect

    lo = max(bisect.bisect_right(starts, offset) - 1, 0)
    out = []
    for pc in pieces[lo:]:
        if pc.start >= offset + length:
            break
        if pc.start + len(pc.text) > offset:
            out.append(pc)
    return out


def annotate_docx(data: bytes, report: Report, config=None) -> bytes:
    """The .docx ``data`` with ``report``'s findings as Word comments (a new file's bytes; ``data`` is untouched)."""
    package = open_package(data, config)
    document = package.document
    ex = extract(document)
    if not same_text(ex.text, report.text):
        raise InputError("the report does not belong to this document (its text differs)", code="mismatch",
                         message_da="Rapporten passer ikke til dette dokument.")
    body = str(document.part.partname).lstrip("/")
    offsets = {o for f in report.findings for o in (f.offset, f.offset + f.length)}
    if _split_at(ex.pieces, offsets):
        ex = extract(document)
        if not same_text(ex.text, report.text):  # pragma: no cover - splitting never changes the text
            raise RuntimeError("splitting runs changed the document text")
    pieces, parts = ex.pieces, ex.piece_part
    part_of = {id(pc): parts[i] for i, pc in enumerate(pieces)}
    starts = [pc.start for pc in pieces]

    unanchored: list[Finding] = []
    plans: list[tuple[Finding, object, object]] = []
    order: dict | None = None  # element → document position, built only when a range spans elements
    for f in report.findings:
        cover = [pc for pc in _covering(pieces, starts, f.offset, f.length) if pc.text.strip() or pc.r is not None]
        if not cover or any(part_of[id(pc)] != body for pc in cover):
            unanchored.append(f)
            continue
        first, last = cover[0].first, cover[-1].last
        if first is not last:
            if order is None:
                order = {el: i for i, el in enumerate(document.element.iter())}
            if order.get(first, -1) > order.get(last, -1):  # e.g. from a paragraph into its own text box
                unanchored.append(f)
                continue
        plans.append((f, first, last))

    # Summary first (comment ids in reading order), anchored on the first text of the body.
    body_pieces = [pc for pc in pieces if part_of[id(pc)] == body and pc.text.strip()]
    if body_pieces:
        summary = document.comments.add_comment(summary_text(report, unanchored), author=AUTHOR,
                                                initials=INITIALS)
        para = _paragraph(body_pieces[0])
        last = body_pieces[0]
        for pc in body_pieces[1:]:
            if _paragraph(pc) is not para:
                break
            last = pc
        _mark(body_pieces[0].first, last.last, summary.comment_id)
    for f, first, last in plans:
        comment = document.comments.add_comment(comment_text(f), author=AUTHOR, initials=INITIALS)
        _mark(first, last, comment.comment_id)
    out = io.BytesIO()
    try:
        document.save(out)
    except Exception as e:  # python-docx cannot write back some broken packages (a relationship without type)
        raise InputError(f"the annotated copy cannot be written: {type(e).__name__}: {e}", code="malformed",
                         message_da="Word-dokumentet er beskadiget, så der kan ikke skrives kommentarer i det."
                         ) from None
    return out.getvalue()


# --------------------------------------------------------------------------------------------------------- files


def write_atomic(path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and os.replace: a failure never
    leaves a half-written file behind."""
    import os
    import tempfile
    from pathlib import Path

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def word_input(source, config) -> tuple[bytes, object]:
    """(the .docx bytes, its path or None) of a Word file given as a path or bytes; InputError for anything else
    (Checker.annotate reads its input with this)."""
    import os
    from pathlib import Path

    from ..readers import looks_like_path, sniff, too_large

    path = None
    if isinstance(source, os.PathLike) or isinstance(source, str) and looks_like_path(source):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > config.max_bytes:
                raise too_large(size, config.max_bytes)
            data = path.read_bytes()
        except OSError as e:
            raise InputError(f"cannot read {path.name}: {e.strerror}", code="unreadable",
                             message_da=f"Filen {path.name} kan ikke læses.") from None
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        raise InputError("annotate needs a Word file (.docx): a path or its bytes", code="unsupported",
                         message_da="Kommentarer kan kun skrives i et Word-dokument (.docx).")
    if len(data) > config.max_bytes:
        raise too_large(len(data), config.max_bytes)
    if sniff(data) != "docx":
        raise InputError("annotate needs a Word file (.docx)", code="unsupported",
                         message_da="Kommentarer kan kun skrives i et Word-dokument (.docx).")
    return data, path


def check_output(output, path) -> None:
    """Refuse an output name that is not a plain .docx, or that is the input file itself (before any work)."""
    from pathlib import Path

    if output is not None and Path(output).suffix.lower() in (".docm", ".dotm", ".dotx", ".doc"):
        raise InputError("the annotated copy is a plain .docx (without macros): give the output file a .docx name",
                         code="output_name", message_da="Kopien med kommentarer er en almindelig .docx-fil uden "
                         "makroer. Giv den et navn, der ender på .docx.")
    if output is not None and path is not None:
        out = Path(output)
        if out.exists() and out.resolve() == Path(path).resolve():
            raise InputError("the output file must not be the input file (the original is never changed)",
                             code="same_file", message_da="Vælg en anden fil til resultatet end den, du tjekker. "
                             "Originalen bliver aldrig ændret.")


def annotated_copy(data: bytes, report: Report, config, output=None) -> bytes:
    """annotate_docx, and the copy written to ``output`` (atomically) when given."""
    annotated = annotate_docx(data, report, config)
    if output is not None:
        write_atomic(output, annotated)
    return annotated

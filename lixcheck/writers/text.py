"""Human-readable terminal output of a Report (Danish labels: the CLI's users are caseworkers and writers)."""

from __future__ import annotations

from ..model import BAND_DA, SEVERITY_DA, Report


def render(report: Report, name: str = "") -> str:
    lx = report.lix
    lines = []
    head = f"{name}: " if name else ""
    if lx.value is None:
        lines.append(f"{head}LIX ikke beregnet ({lx.reason}); ord {lx.words}, sætninger {lx.sentences}, "
                     f"lange ord {lx.long_words}")
    else:
        lines.append(f"{head}LIX {lx.value:.0f} ({BAND_DA[lx.band]}); ord {lx.words}, sætninger {lx.sentences}, "
                     f"lange ord {lx.long_words}")
    for f in report.findings:
        repl = f" → {', '.join(f.replacements)}" if f.replacements else ""
        lines.append(f"  {f.line}:{f.column} {SEVERITY_DA.get(f.severity, f.severity).lower()} [{f.rule}] "
                     f"\"{f.text}\": {f.message}{repl}")
    if not report.findings:
        lines.append("  Ingen fund.")
    return "\n".join(lines)

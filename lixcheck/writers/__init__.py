"""Renderings of a Report: JSON, terminal text, annotated .docx, LanguageTool JSON, HTML report."""

"""Batch audits: sources, runners, resumable result store, cache, aggregation."""

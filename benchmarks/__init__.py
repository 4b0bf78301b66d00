"""Benchmarks: a synthetic archive generator and the build measurements (issue 7)."""

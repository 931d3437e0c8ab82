"""Evaluation against research benchmarks: predictions in each benchmark's own format."""

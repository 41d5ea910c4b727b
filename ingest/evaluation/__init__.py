"""Scoring extraction: the seeds against tests/gold, the corpus against its annotations."""

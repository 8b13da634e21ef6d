"""Deduplication: extracted articles in, each placed in a story (new, a copy or a version of
one) out."""

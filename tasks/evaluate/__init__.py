"""Evaluation: labelled pages in, quality figures for extraction and deduplication out."""

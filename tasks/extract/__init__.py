"""Extraction: a raw record in; out, an article (title, date, body, language, site) or a
reject with its reason."""

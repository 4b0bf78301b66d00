"""The checks of `site-builder check` beyond the schema, run over a loaded archive."""

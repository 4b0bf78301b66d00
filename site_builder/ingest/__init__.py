"""Getting articles in: import from a page or text, extraction, fetching, new files."""

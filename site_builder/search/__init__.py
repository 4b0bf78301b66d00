"""Full-text search with Pagefind: the indexer, its child process and what it indexes.
Never imports the site's pages."""

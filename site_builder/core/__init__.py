"""The archive's core: the model, its schema and front matter, loading, the registry,
resolution and the cross-link index. Imports nothing of the other families."""

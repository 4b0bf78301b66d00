"""The archive as data: dumps, Atom feeds, JSON-LD, citations and the FtM export."""

"""Text matching: names in bodies, attribution of quotes, proper names, repeated text,
plain text of Markdown."""

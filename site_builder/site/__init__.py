"""The site's pages as HTML: planning, composition, bodies, charts, the CSP, templates
and assets. Knows nothing of MkDocs."""

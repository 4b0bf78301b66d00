"""The MkDocs plugin: a thin adapter from MkDocs' build events to the families above.
The only place that imports MkDocs or Material."""

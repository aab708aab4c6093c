"""The passes that run before rendering: the case as at a document's date, anonymisation and draft marking."""

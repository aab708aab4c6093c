"""Publishing: files written whole or not at all, a pack of documents with its manifest, the render cache and its
keys, the worker pool, and the outbox a finished job is moved into."""

"""The anonymisation regression corpus and its helpers."""

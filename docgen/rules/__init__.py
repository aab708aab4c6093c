"""Rules about documents: who may read each and when it is anonymised (`publication_rules`), and what a report
still lacks before it can be final (`completeness`)."""

"""Text primitives for finding names and identifiers, shared by the anonymisation pass and the leak gate.

- `folding`: accents, apostrophes, dashes, invisible characters and escapes folded, for matching;
- `patterns`: whole-word boundaries, a word, one pattern for many keys (a trie);
- `spellings`: how names are written: names that are also words, particles, abbreviations, a name's parts;
- `labels`: how a label is written from a relationship or a role, numbered when several share it;
- `shapes`: identifiers by their shape (postcodes, phone numbers, e-mails …) and the ways a date is written.

They decide nothing about a case: who its people are and what is removed are the pass's (docgen.passes) and,
separately, the gate's (docgen.gate) own.
"""

"""The board's letters (Appendix XI) and a practice review's letters, as the case makes them: who writes, to whom,
what goes with them, and every sentence that is true only for some reviews, chosen here and printed by the
templates as given.

- `addressing`: names on envelopes, salutations, who signs;
- `distribution`: who receives a letter, by the named groups a kind's distribution lists;
- `enclosures`: what goes with a document;
- `parts`: the context builder every board letter names (`letter`) and what it cannot be written without;
- `sentences`: the builders of each letter's own sentences;
- `family`: the sentences of the letters to a family and to victims, in plain words;
- `agencies`: the requests to agencies for their reports and the invitation to a learning event;
- `national`: the notice of a decision to national bodies and the report sent for quality assurance;
- `partnership`: a practice review's letters (the notice to the partners, the requests, the letters to national
  bodies).
"""

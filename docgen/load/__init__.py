"""Loading: case files and profiles read within limits, parsed, validated with problems a person can act on;
cases given in memory; a case file edited in place; the JSON Schema."""

"""The three steps of the LLM review, each a small module with its template, schema, check and merge."""

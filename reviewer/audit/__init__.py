"""`pmreview report`: an audit of a postmortem collection for the people who read them in bulk."""

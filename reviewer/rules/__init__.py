"""Rules: one module per rule in group folders; see registry.py for the list."""

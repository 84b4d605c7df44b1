"""Command-line interface (typer). The only place that prints to the terminal and exits."""

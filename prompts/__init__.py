"""Prompt templates (*.j2), shipped as the package reviewer.prompts."""

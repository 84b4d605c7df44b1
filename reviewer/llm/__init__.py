"""The LLM prompt chain. The only package that imports langchain, openai and tiktoken."""

"""LLM corpus runs through the OpenAI Batch API (`--llm-batch`).

The chain is not rewritten for batches. A run goes in rounds: every document is reviewed with a
transport that, on an answer-cache miss, records the request instead of sending it. The recorded
requests (the same bodies the chain would send) go to the provider as one batch; the answers land
in the same answer cache, checked by the same code on the next round. Round by round the chain's
dependencies resolve (detect, then rewrites, then re-asks), and the last round is all cache hits,
so verification, merging and reports are exactly those of a direct run.
"""

"""GitHub pull-request review: diff hunks, comment bodies, the review plan, the API gateway.

Modules, one job each:
  context   read GITHUB_* env vars and the event payload
  hunks     which lines of a unified-diff patch GitHub accepts comments on
  comments  comment bodies: rule, reason, ```suggestion blocks, hidden markers
  plan      pure planning: filter findings by the diff, dedupe against existing comments
  client    the GitHub REST gateway (githubkit) with bounded retries and pagination guards
  summary   the summary comment and the Actions job summary
  action    the `pmreview github-review` run: fetch, review, post (or fall back to annotations)
"""

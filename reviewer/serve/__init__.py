"""`pmreview serve`: a local review page and a versioned HTTP API over the one reviewer.

Modules: service (the reviewer calls, no web framework), security (token, Host, Origin,
headers, body size), api (the /v1 routes and their schemas), app (the app factory, JSON
errors), rewrite (the LLM rewrite, bounded), answers (LLM answers kept in memory), runner
(socket + uvicorn), static/ (the page: plain HTML, CSS and JS from the package, no CDN).
"""

"""`pmreview serve`: a local review page and a versioned HTTP API over the one reviewer.

Modules: service (the reviewer calls, no web framework), security (token, Host, Origin,
headers), api (the /v1 routes), app (the app factory), runner (socket + uvicorn), static/
(the page: plain HTML, CSS and JS, served from the package, no CDN).
"""

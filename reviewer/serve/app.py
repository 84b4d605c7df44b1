"""The app factory: API routes, the page, JSON errors, and the security layers around them.

Order, outermost first: LocalGuard (Host, token, Origin, headers) -> BodyLimit -> FastAPI.
The page's files are read once, here, from the package; requests never touch the disk.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp

from reviewer import __version__
from reviewer.config import Config
from reviewer.serve import api
from reviewer.serve.rewrite import LLMUnavailable, SegmentRewriter
from reviewer.serve.security import BodyLimit, LocalGuard, allowed_hosts
from reviewer.serve.service import BadInput, TooLarge, warm_up

ASSET_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
               ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
# JSON escaping can double a text (newlines, quotes, non-ASCII as \\uXXXX): the body may be
# larger than the text it carries; the text itself is held to max-file-bytes.
BODY_OVERHEAD = 2


def load_assets() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("reviewer.serve") / "static"
    out = {}
    for entry in folder.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if suffix in ASSET_TYPES:
            out[entry.name] = (entry.read_bytes(), ASSET_TYPES[suffix])
    return out


def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message, **extra}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> tuple[int, str]:
    errors = exc.errors()
    first: dict = dict(errors[0]) if errors else {"msg": "invalid request", "loc": ()}
    if first.get("type") == "json_invalid":
        return 400, f"the body is not valid JSON ({first.get('ctx', {}).get('error', 'decode error')})"
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    message = first.get("msg", "invalid")
    if first.get("type") == "extra_forbidden":
        message = "unknown key"
    return 422, f"{where}: {message}"


def build_api(config: Config, rewriter: SegmentRewriter | None) -> FastAPI:
    app = FastAPI(title="pmreview", version=__version__, openapi_url="/v1/openapi.json", docs_url=None,
                  redoc_url=None, description="Review incident postmortems over HTTP. See docs/api.md.")
    app.state.config = config
    app.state.rewriter = rewriter
    app.include_router(api.router)
    app.add_api_route("/healthz", api.health, methods=["GET"], summary="Liveness, version, LLM availability")
    assets = load_assets()

    def asset(name: str) -> Response:
        if name not in assets:
            return _error(404, "not found")
        body, media = assets[name]
        return Response(body, media_type=media)

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        return asset("index.html")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        return asset(name)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        status, message = _validation_message(exc)
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        return _error(status, message, details=details[:20])

    @app.exception_handler(BadInput)
    async def bad_input(_: Request, exc: BadInput) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(TooLarge)
    async def too_large(_: Request, exc: TooLarge) -> JSONResponse:
        return _error(413, str(exc))

    @app.exception_handler(LLMUnavailable)
    async def no_llm(_: Request, exc: LLMUnavailable) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return _error(exc.status_code, "not found" if exc.status_code == 404 else message)

    return app


def create_app(token: str, port: int, config: Config | None = None, rewriter: SegmentRewriter | None = None,
               host: str = "127.0.0.1") -> ASGIApp:
    config = config or Config()
    warm_up(config)
    inner = build_api(config, rewriter)
    limited = BodyLimit(inner, config.max_file_bytes * BODY_OVERHEAD + 64_000)
    return LocalGuard(limited, token=token, port=port, hosts=allowed_hosts(host))

"""Pure Report -> text/JSON/SARIF/rdjsonl/GitHub workflow commands. No I/O here."""

from reviewer.render.formats import FORMATS, render

__all__ = ["FORMATS", "render"]

"""The one way out to the model: every prompt variable is redacted here, and every request is checked last.

Steps never render templates themselves. `Outbox.render` redacts every string it is given (sentences,
rule hints, rule messages, titles, facts, complaints), so text that reaches a prompt by a new path is
still redacted. `Outbox.seal` runs the secret detectors once more over the finished messages and
refuses to send a request in which anything is still found (OWASP LLM02): that batch fails as
incomplete, the request never leaves the machine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reviewer.llm import prompts
from reviewer.llm.redact import Redactor, find_sensitive


class SecretInRequest(Exception):
    """A request still carried something the detectors find; it was not sent."""

    not_sent = True


class Outbox:
    def __init__(self, *, redact: bool) -> None:
        self.redactor = Redactor() if redact else None

    def show(self, text: str) -> str:
        """The text as the model may see it (whitespace runs collapsed, sensitive values as placeholders)."""
        text = " ".join(text.split())
        return self.redactor.redact(text) if self.redactor is not None else text

    def restore(self, text: str) -> str:
        return self.redactor.restore(text) if self.redactor is not None else text

    def _clean(self, value: object) -> object:
        if isinstance(value, str):
            return self.redactor.redact(value) if self.redactor is not None else value
        if isinstance(value, Mapping):
            return {k: self._clean(v) for k, v in value.items()}
        if isinstance(value, Sequence):
            return [self._clean(v) for v in value]
        return value

    def render(self, template: str, **variables: object) -> str:
        return prompts.render(template, **{k: self._clean(v) for k, v in variables.items()})

    def seal(self, messages: Sequence[tuple[str, str]]) -> None:
        """Raise SecretInRequest if any detector still finds a value in the messages about to be sent."""
        if self.redactor is None:  # the user turned redaction off (--no-redact)
            return
        for role, content in messages:
            found = find_sensitive(content)
            if found:
                kinds = sorted({d.rule for d in found})
                raise SecretInRequest(f"not sent: the {role} message still contained {', '.join(kinds)}")

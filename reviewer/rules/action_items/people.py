"""Who an action item names as people. One source: the role and group words of
lexicons/roles.yaml (read through agents.is_role_word, singular or plural), the same words the
blame rules use to decide that an agent is a person. The readers ask one question of a noun
phrase, "does a people word head it?", instead of each spelling its own list of nouns."""

from __future__ import annotations

from reviewer.rules.agents import is_role_word

# Determiners and quantifiers that may open a people phrase: "all the on-call engineers".
_OPENERS = frozenset("the our all every each a an any their its these those new both".split())
# People a system serves are not roles (the blame rules must not read "users" as a team), but
# like staff they receive a system's alerts and grants: "ensure users are notified".
_SERVED = frozenset("user users member members customer customers subscriber subscribers".split())


def _words(phrase: str) -> list[str]:
    return [w.strip(".,;:!?()[]\"'").lower() for w in phrase.split()]


def is_people_word(word: str, *, served: bool = False) -> bool:
    low = word.lower()
    return is_role_word(low) or (served and low in _SERVED)


def heads_people(phrase: str, *, modifiers: int = 3, served: bool = False) -> bool:
    """True when the whole phrase is a people phrase: determiners, at most `modifiers` words, then
    a people word ('we', 'the team', 'the on-call engineers', 'all backend team leads')."""
    words = [w for w in _words(phrase) if w]
    while words and words[0] in _OPENERS:
        words = words[1:]
    if not words or len(words) > modifiers + 1:
        return False
    if is_people_word(words[-1], served=served):
        return True
    return len(words) >= 2 and is_role_word(f"{words[-2]} {words[-1]}")


def opens_with_people(phrase: str, *, within: int = 5, served: bool = False) -> bool:
    """True when a people phrase opens `phrase`, however it goes on ('everyone on the rota',
    'the SRE team for the storage cluster'): some prefix of at most `within` words heads people."""
    words = [w for w in _words(phrase) if w]
    return any(heads_people(" ".join(words[:n]), served=served) for n in range(1, min(within, len(words)) + 1))

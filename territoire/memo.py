"""Results of pure functions of a file's text, kept while the preview runs.

``territoire serve`` loads the whole territory again after every save; most files have not
changed, and parsing, screening and link-finding are pure functions of their text. Inside
``kept()`` (the preview's builds, ``territoire/engine/run.py``) their results are kept by text
and reused; one-shot commands never keep anything, so their memory stays as it was.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any, Callable, Iterator

_MAX_ENTRIES = 100_000
_state = {"keep": False}
_store: dict[tuple[Any, ...], Any] = {}


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Keep and reuse results inside this block; they stay for the next block of the process."""
    previous = _state["keep"]
    _state["keep"] = True
    try:
        yield
    finally:
        _state["keep"] = previous


def forget() -> None:
    _store.clear()


def keeping() -> bool:
    return _state["keep"]


def recall(key: tuple[Any, ...]) -> Any:
    """The kept result for ``key``, or None."""
    return _store.get(key) if _state["keep"] else None


def remember(key: tuple[Any, ...], value: Any) -> None:
    if not _state["keep"]:
        return
    if len(_store) >= _MAX_ENTRIES:
        _store.clear()  # old versions of edited files pile up in a long preview
    _store[key] = value


def of_text(function: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
    """Keep a list-valued pure function's results by its arguments (a new list each call)."""
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> list[Any]:
        if not _state["keep"]:
            return function(*args, **kwargs)
        key = (function.__qualname__, args, tuple(sorted(kwargs.items())))
        found = recall(key)
        if found is None:
            found = tuple(function(*args, **kwargs))
            remember(key, found)
        return list(found)
    return wrapper

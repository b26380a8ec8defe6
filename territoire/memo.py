"""Results of pure functions of a file's text, kept while the preview runs.

``territoire serve`` loads the whole territory again after every save; most files have not
changed, and parsing, screening and link-finding are pure functions of their text. Inside
``kept()`` (the preview's builds, ``territoire/engine/run.py``) their results are kept by text
and reused; one-shot commands never keep anything, so their memory stays as it was.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import datetime as dt
import functools
import os
from pathlib import Path
from typing import Any, Callable, Iterator

_MAX_ENTRIES = 100_000
_state = {"keep": False}
_store: dict[tuple[Any, ...], Any] = {}
_this_build: dict[tuple[Any, ...], Any] = {}


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """Keep and reuse results inside this block; they stay for the next block of the process."""
    previous = _state["keep"]
    _state["keep"] = True
    _this_build.clear()
    try:
        yield
    finally:
        _state["keep"] = previous
        _this_build.clear()


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


def text_of(path: Path | str) -> str:
    """``path.read_text(encoding="utf-8")``; inside ``kept()``, a file unchanged since it was read
    (same size and modification time) is not opened again: each page is read by several checks,
    and within one block only the first looks at the file."""
    if not _state["keep"]:
        return Path(path).read_text(encoding="utf-8")
    name = os.fspath(path)
    found = _this_build.get(("text", name))
    if found is not None:
        return found  # already read in this build, by another check: not even looked at again
    seen = _this_build.get(("status", name))
    if seen is None:
        status = os.stat(path)
        seen = (status.st_mtime_ns, status.st_size)
    key = ("text", name, *seen)
    found = _store.get(key)
    if found is None:
        found = Path(path).read_text(encoding="utf-8")
        remember(key, found)
    _this_build[("text", name)] = found
    return found


def saw(path: str, mtime_ns: int, size: int) -> None:
    """In this block of ``kept()``, ``text_of(path)`` takes this modification time and size for
    the file's instead of asking the system again: the preview's scan of the territory has just
    read them, before anything else reads the file. A file saved again meanwhile is then seen as
    changed by the next scan, since the scan is what the next build compares with."""
    if _state["keep"]:
        _this_build[("status", path)] = (mtime_ns, size)


def pure(copy: Callable[[Any], Any] = list) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Keep a pure function's results by its arguments; each call gets ``copy(result)``, so that
    a caller that changes its list or set changes only its own."""
    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not _state["keep"]:
                return function(*args, **kwargs)
            key = (function.__qualname__, args, tuple(sorted(kwargs.items())))
            found = recall(key)
            if found is None:
                found = function(*args, **kwargs)
                remember(key, found)
            return copy(found)
        return wrapper
    return decorate


def for_this_build(function: Callable[..., Any]) -> Callable[..., Any]:
    """Keep a listing of the territory's folders for the rest of one block of ``kept()``: several
    checks walk the same folders, and a build writes nothing into them. Each call gets its own
    copy of the list or set."""
    @functools.wraps(function)
    def wrapper(*args: Any) -> Any:
        if not _state["keep"]:
            return function(*args)
        key = (function.__qualname__, args)
        found = _this_build.get(key)
        if found is None:
            found = _this_build[key] = function(*args)
        return type(found)(found)
    return wrapper


of_text = pure(list)
"""For list-valued functions of a text (screens, link finders)."""


_IMMUTABLE = (str, int, float, bool, type(None), dt.date, dt.time, dt.timedelta)


def copied(value: Any) -> Any:
    """A copy of a kept result that a caller may change: its containers are new, its immutable
    values shared. A fraction of ``copy.deepcopy``'s cost on parsed YAML and on blog posts."""
    if isinstance(value, _IMMUTABLE):
        return value
    if isinstance(value, collections.UserDict) or (isinstance(value, dict) and type(value) is not dict):
        # deepcopy cannot copy MkDocs' Config (a UserDict) nor Material's DateDict (a dict): their
        # __getattr__ answers None for __setstate__. Copied by hand, items and attributes.
        twin = type(value).__new__(type(value))
        if isinstance(value, dict):
            dict.update(twin, {key: copied(item) for key, item in value.items()})
        twin.__dict__.update({name: copied(item) for name, item in vars(value).items()})
        return twin
    if isinstance(value, dict):
        return {key: copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copied(item) for item in value]
    if isinstance(value, set):
        return {copied(item) for item in value}
    return copy.deepcopy(value)

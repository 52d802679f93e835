"""Where the trained models live, and how a process loads each of them once.

Every model newssift ships sits in a folder of the package (``newssift/data/<name>``, written by ``make train``);
an environment variable may point at another folder with the same files. ``ModelCache`` builds one instance
per folder on first use, under a lock, so threads serving requests share it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


#: values of a model's environment variable that switch the model off
OFF_VALUES = ("off", "none", "0", "false")


def switched_off(env: str) -> bool:
    """Whether the environment variable *env* switches its model off (``OFF_VALUES``)."""
    return os.environ.get(env, "").strip().lower() in OFF_VALUES


@cache
def package_dir(name: str) -> Path:
    """The folder ``newssift/data/<name>`` of the installed package (looked up once: ``importlib.resources`` costs
    about 0.03 ms a call, and a comment judged alone asks for three model folders)."""
    return Path(str(resources.files("newssift") / "data" / name))


class ModelCache(Generic[T]):
    def __init__(self, build: Callable[[Path], T], env: str, name: str) -> None:
        self._build = build
        self.env = env
        self.name = name
        self._lock = threading.Lock()
        self._loaded: dict[str, T] = {}

    def default_dir(self) -> Path:
        """``$env`` when set, else the folder shipped in the package."""
        value = os.environ.get(self.env)
        return Path(value) if value else package_dir(self.name)

    def get(self, model_dir: Path | None = None) -> T:
        """The process-wide model of ``model_dir`` (by default ``default_dir()``), loaded on first use."""
        key = str(model_dir or self.default_dir())
        with self._lock:
            if key not in self._loaded:
                self._loaded[key] = self._build(Path(key))
            return self._loaded[key]

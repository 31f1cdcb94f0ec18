"""policybrief: offline extractive policy briefs and digests of op-eds and news articles.

The library behind the CLI, one function per stage::

    import policybrief

    policybrief.summarize(text, sentences=3)             # -> list[str], in reading order
    for brief in policybrief.build_briefs(["seeds/"]):   # PolicyBrief or Failure values
        ...

Attributes load lazily, so ``import policybrief`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("policybrief")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"

_EXPORTS = {
    # pipeline: the stages in order
    "summarize": "pipeline",
    "build_briefs": "pipeline",
    "build_digest": "pipeline",
    "iter_articles": "pipeline",
    "brief_article": "pipeline",
    "brief_all": "pipeline",
    "Options": "pipeline",
    "Failure": "pipeline",
    "write_briefs": "pipeline",
    "summarize_all": "pipeline",
    "run_cycle": "mailing",
    # stages
    "read_all": "ingest",
    "split_articles": "segment",
    "split_sentences": "segment",
    "Summariser": "summarise",
    "SUMMARISERS": "summarise",
    "make_brief": "brief",
    "render_brief": "render",
    "assemble": "digest",
    "Digest": "digest",
    "render_digest": "render.digest",
    # values
    "Article": "models",
    "Sentence": "models",
    "Document": "models",
    "Budget": "models",
    "PolicyBrief": "models",
    "Point": "models",
    "Actor": "models",
    "PolicyBriefError": "errors",
    "ExitCode": "errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'policybrief' has no attribute {name!r}")

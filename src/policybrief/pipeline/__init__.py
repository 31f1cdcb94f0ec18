"""The one orchestrator: ingest → segment → summarise → brief → digest → render → deliver.

What the CLI, the mail cycle and the library API call:

- ``build_briefs`` (briefs or failures of every article under some paths), ``build_digest``
  (those briefs assembled), ``write_briefs`` (briefs written to a folder), ``summarize_all``
  and ``summarize`` (extracted sentences);
- the per-article stages ``brief_article`` / ``brief_articles``, pure and picklable, which
  ``batch`` maps over chunks of articles on any executor (``stages``);
- on a Dask cluster, workers read their own partitions of the inputs (``partitions``).
"""

from __future__ import annotations

from .options import Failure, Options, Warn
from .partitions import Loaded, brief_part, brief_partitions
from .runs import (
    Summary,
    Written,
    brief_all,
    build_briefs,
    build_digest,
    summarize,
    summarize_all,
    unique_path,
    write_briefs,
)
from .stages import MIN_SENTENCES, articles_of, brief_article, brief_articles, iter_articles

__all__ = [
    "MIN_SENTENCES",
    "Failure",
    "Loaded",
    "Options",
    "Summary",
    "Warn",
    "Written",
    "articles_of",
    "brief_all",
    "brief_article",
    "brief_articles",
    "brief_part",
    "brief_partitions",
    "build_briefs",
    "build_digest",
    "iter_articles",
    "summarize",
    "summarize_all",
    "unique_path",
    "write_briefs",
]

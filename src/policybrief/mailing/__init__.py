"""Mailing: the scheduled cycle over ``pipeline.build_digest``, its state file and scheduler.

``run(config)`` is one idempotent cycle (see ``cycle``); ``dry_run`` writes what it would
send. ``state`` owns every table of the state file; ``lock`` keeps runs from overlapping;
``schedule`` fires runs on a cron expression.
"""

from __future__ import annotations

from .cycle import RunReport, dry_run, preview, run, send_test
from .outbox import Outcome

run_cycle = run  # the name the package's lazy API gives it

__all__ = ["Outcome", "RunReport", "dry_run", "preview", "run", "run_cycle", "send_test"]

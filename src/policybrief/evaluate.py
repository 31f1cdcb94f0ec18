"""Score summarisation methods side by side with ROUGE, the way the issues report them.

The convention is fixed so numbers are comparable across runs and with the issues:
rouge-score (Google) F1 with stemming, macro-averaged over articles; ROUGE-Lsum on
newline-joined sentences; documents built by ``segment.document_from_text`` so the
pipeline's own sentence splitter is what gets measured. Optional: the reference's own
sentence count as the budget, and every output cut to the reference's word count (the
BBC convention, which stops long sentences from buying recall).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .batch import Executor, map_chunks
from .errors import IngestError, UsageError
from .ingest import MAX_BYTES, JsonlBlock, block_lines
from .models import DEFAULT_SENTENCES, Budget, Document
from .segment import document_from_text, split_sentences
from .summarise import SUMMARISERS, Summariser, select

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
CHUNK = Executor().chunk_size  # records ranked as one batch, as brief does
BASELINE = "lead"


@dataclass(frozen=True)
class Record:
    """One evaluation article: its text, its reference summary and what is known."""

    text: str
    reference: str
    title: str | None = None
    reference_sentences: tuple[str, ...] = ()
    id: str = ""

    def reference_lines(self) -> tuple[str, ...]:
        """The reference as sentences: given ones, else our splitter's."""
        return self.reference_sentences or split_sentences(self.reference)


@dataclass(frozen=True)
class EvalOptions:
    """How to budget and score: ``sentences`` unless ``ref_budget``; ``workers`` processes."""

    sentences: int = DEFAULT_SENTENCES
    ref_budget: bool = False
    word_cap: bool = False
    limit: int | None = None
    workers: int = 1
    executor: str = "processes"  # local | processes | dask
    scheduler: str | None = None  # a Dask scheduler address
    progress: bool = False  # dask: draw Dask's progress bar on stderr


@dataclass(frozen=True)
class MethodScore:
    """Macro-averaged ROUGE F1 ×100 of one method, and its speed.

    ``seconds`` is the time spent making summaries (segmentation + ranking + selection)
    summed over articles, so ``articles_per_second`` does not depend on ``workers``.
    """

    method: str
    rouge1: float
    rouge2: float
    rougeLsum: float  # the name rouge-score uses
    articles: int
    seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else float("inf")

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "rouge1": round(self.rouge1, 2),
            "rouge2": round(self.rouge2, 2),
            "rougeLsum": round(self.rougeLsum, 2),
            "articles": self.articles,
            "articles_per_second": round(self.articles_per_second, 1),
        }


@dataclass(frozen=True)
class _Job:
    """One article's work for a worker: picklable, so a process pool can run it."""

    record: Record
    methods: tuple[str, ...]
    options: EvalOptions = field(default_factory=EvalOptions)


def load_dataset(path: str | Path, limit: int | None = None) -> list[Record]:
    """Records of a JSONL file; a missing file or a bad line is an ``IngestError``."""
    path = Path(path)
    if not path.is_file():
        raise _no_such_dataset(path)
    records: list[Record] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if limit is not None and len(records) >= limit:
                    break
                if line.strip():
                    records.append(_record(line, f"{path}:{number}"))
    except UnicodeDecodeError as exc:
        raise IngestError("is not UTF-8", subject=str(path), hint="save the dataset as UTF-8") from exc
    if not records:
        raise _no_records(path)
    return records


def _no_such_dataset(path: str | Path) -> IngestError:
    return IngestError(
        "no such dataset file",
        subject=str(path),
        hint="pass a JSONL file with 'text' and 'reference' on each line",
    )


def _no_records(path: str | Path) -> IngestError:
    return IngestError(
        "the dataset holds no records",
        subject=str(path),
        hint="each line must be a JSON object with 'text' and 'reference'",
    )


Totals = dict[str, list[float]]  # method → summed (R1, R2, RLsum, seconds)


def _zero(methods: Sequence[str]) -> Totals:
    return {method: [0.0, 0.0, 0.0, 0.0] for method in methods}


def _add(totals: Totals, more: Mapping[str, Sequence[float]]) -> None:
    for method, values in more.items():
        for slot, value in enumerate(values):
            totals[method][slot] += value


def _add_all(totals: Totals, results: Iterable[Mapping[str, Sequence[float]]]) -> None:
    for more in results:
        _add(totals, more)


def _averages(totals: Totals, n: int) -> list[MethodScore]:
    return [
        MethodScore(method, r1 / n, r2 / n, rl / n, n, seconds)
        for method, (r1, r2, rl, seconds) in totals.items()
    ]


def evaluate_file(
    path: str | Path, methods: Sequence[str], options: EvalOptions | None = None,
    block_size: int | None = None,
) -> list[MethodScore]:
    """``evaluate`` over a JSONL dataset file, ``options.limit`` records at most.

    With the Dask executor the workers read the file themselves, in byte blocks aligned to
    lines (``partition.jsonl_blocks``): the client sends block descriptors and adds up the
    per-block sums. A bad line stops the run, naming its line, as ``load_dataset`` does.
    """
    options = options or EvalOptions()
    if options.executor != "dask":
        return evaluate(load_dataset(path, options.limit), methods, options)
    from functools import partial

    from . import batch, ingest
    from .ingest import partition

    _scorer()
    if not Path(path).is_file():
        raise _no_such_dataset(path)
    size = block_size or partition.BLOCK_SIZE
    totals = _zero(methods)
    n = 0
    work = partial(_score_block, methods=tuple(methods), options=options)
    with batch.session(_executor(options)) as run:
        count = partial(run, partial(ingest.count_jsonl, max_bytes=ingest.MAX_BYTES), urgent=True)
        blocks = partition.jsonl_blocks(str(path), size, count)
        for result in run(work, blocks, total=partial(partition.count_tasks, [str(path)], size)):
            if isinstance(result, IngestError):
                raise result
            block_totals, block_n = result
            n += block_n
            _add(totals, block_totals)
    if n == 0:
        raise _no_records(path)
    return _averages(totals, n)


def _score_block(
    block: JsonlBlock, methods: tuple[str, ...], options: EvalOptions
) -> tuple[Totals, int] | IngestError:
    """A worker's task: score the records of one block (per-method sums and the count), or
    the error of its first bad line."""
    totals = _zero(methods)
    n = 0
    pending: list[_Job] = []
    room = None if options.limit is None else options.limit - block.records_before
    try:
        for number, line in block_lines(block):
            if room is not None and n >= room:
                break
            where = f"{block.name}:{number}"
            if line is None:
                return IngestError(
                    f"line is larger than the {MAX_BYTES // 2**20} MB limit", subject=where,
                    hint="fix or drop that line",
                )
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                return IngestError("is not UTF-8", subject=where, hint="save the dataset as UTF-8")
            pending.append(_Job(_record(text, where), methods, options))
            n += 1
            if len(pending) == CHUNK:
                _add_all(totals, _run_jobs(pending))
                pending = []
        _add_all(totals, _run_jobs(pending))
    except IngestError as exc:
        return exc
    except OSError as exc:
        return IngestError(f"cannot be read: {exc}", subject=block.name, hint="check the dataset path")
    return totals, n


def _record(line: str, where: str) -> Record:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"not valid JSON ({exc.msg})",
            subject=where,
            hint="the dataset must be JSONL: one JSON object a line",
        ) from exc
    if not isinstance(data, dict) or not all(isinstance(data.get(key), str) for key in ("text", "reference")):
        raise IngestError(
            "a record needs the string fields 'text' and 'reference'",
            subject=where,
            hint="fix or drop that line",
        )
    sentences = data.get("reference_sentences") or ()
    return Record(
        text=data["text"],
        reference=data["reference"],
        title=data.get("title") or None,
        reference_sentences=tuple(str(s) for s in sentences),
        id=str(data.get("id", "")),
    )


def default_methods() -> tuple[str, ...]:
    """Every registered method except the random floor, ``lead`` first."""
    return (BASELINE, *(m for m in SUMMARISERS if m not in (BASELINE, "random")))


def resolve_methods(requested: Sequence[str] | None) -> tuple[str, ...]:
    """The methods to run: ``lead`` always, then the requested ones (or all of them)."""
    if not requested:
        return default_methods()
    unknown = [m for m in requested if m not in SUMMARISERS]
    if unknown:
        raise UsageError(f"unknown method {unknown[0]!r}", hint=f"choose from: {', '.join(SUMMARISERS)}")
    return tuple(dict.fromkeys((BASELINE, *requested)))


@cache
def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise UsageError("rouge-score is not installed", hint="pip install 'policybrief[eval]'") from exc
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


@cache
def _summariser(method: str) -> Summariser:
    """One summariser per method per process: built once, as the registry intends."""
    return Summariser(method)


def budget_for(record: Record, options: EvalOptions) -> Budget:
    if options.ref_budget:
        return Budget(sentences=max(1, len(record.reference_lines())))
    return Budget(sentences=options.sentences)


def cap_words(sentences: Iterable[str], cap: int) -> list[str]:
    """The sentences cut to ``cap`` words in all (the last one may be cut mid-way)."""
    kept: list[str] = []
    left = cap
    for sentence in sentences:
        tokens = sentence.split()
        if left <= 0:
            break
        kept.append(" ".join(tokens[:left]))
        left -= len(tokens)
    return kept


def score_summary(summary: Sequence[str], record: Record) -> tuple[float, float, float]:
    """(R1, R2, RLsum) F1 ×100 of one summary against the record's reference."""
    scores = _scorer().score("\n".join(record.reference_lines()), "\n".join(summary))
    r1, r2, rl = (scores[name].fmeasure * 100 for name in ROUGE_TYPES)
    return r1, r2, rl


def _run_jobs(jobs: Sequence[_Job]) -> list[dict[str, tuple[float, float, float, float]]]:
    """Every method on a chunk of articles, ranked as one batch as ``brief`` does:
    per article, method → (R1, R2, RLsum, seconds). A chunk's ranking time is shared
    out evenly over its articles; each article's segmentation time is its own."""
    if not jobs:
        return []
    documents, segment_seconds = [], []
    for job in jobs:
        start = time.perf_counter()
        documents.append(document_from_text(job.record.text, job.record.title))
        segment_seconds.append(time.perf_counter() - start)
    budgets = [budget_for(job.record, job.options) for job in jobs]
    results: list[dict[str, tuple[float, float, float, float]]] = [{} for _ in jobs]
    for method in jobs[0].methods:
        summaries, seconds = _summarise(method, documents, budgets)
        for k, (job, summary) in enumerate(zip(jobs, summaries, strict=True)):
            if job.options.word_cap:
                summary = cap_words(summary, len(job.record.reference.split()))
            spent = seconds / len(jobs) + segment_seconds[k]
            results[k][method] = (*score_summary(summary, job.record), spent)
    return results


def _summarise(
    method: str, documents: list[Document], budgets: list[Budget]
) -> tuple[list[list[str]], float]:
    """Each document's summary by ``method`` (one batch), and the seconds it took."""
    summariser = _summariser(method)
    start = time.perf_counter()
    rankings = summariser.rank_many(documents)
    picked = []
    for document, ranked, budget in zip(documents, rankings, budgets, strict=True):
        if isinstance(ranked, Exception):
            raise ranked
        picked.append([s.text for s in select(document, ranked, budget)])
    return picked, time.perf_counter() - start


def _executor(options: EvalOptions) -> Any:
    return Executor(
        kind=options.executor, workers=options.workers, scheduler=options.scheduler, progress=options.progress
    )


def evaluate(
    records: Sequence[Record], methods: Sequence[str], options: EvalOptions | None = None
) -> list[MethodScore]:
    """Macro-averaged ROUGE and speed of each method over the records, in method order."""
    options = options or EvalOptions()
    _scorer()  # fail early, with the hint, if rouge-score is missing
    chosen = list(records)[: options.limit] if options.limit is not None else list(records)
    if not chosen:
        raise UsageError("no records to evaluate", hint="check the dataset and --limit")
    jobs = [_Job(record, tuple(methods), options) for record in chosen]
    totals = _zero(methods)
    results = map_chunks(_run_jobs, jobs, _executor(options))
    _add_all(totals, results)
    return _averages(totals, len(chosen))

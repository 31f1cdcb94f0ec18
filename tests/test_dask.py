"""The Dask executor on a real LocalCluster: same briefs, a killed worker, a bad article,
workers reading their own partitions (folders, JSONL byte blocks), and Dask's progress bar."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from functools import partial
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from policybrief.batch import Executor, map_ordered  # noqa: E402
from policybrief.ingest.partition import count_tasks  # noqa: E402
from policybrief.models import Article, PolicyBrief  # noqa: E402
from policybrief.pipeline import Failure, Options, brief_all, build_briefs, iter_articles  # noqa: E402
from policybrief.render import render_brief  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "bench"))
from bench_scale import synthetic_articles  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=50
    ) as local:
        yield local


def corpus() -> list[Article]:
    articles = [a for a in iter_articles([str(ROOT / "seeds")], Options()) if isinstance(a, Article)]
    return articles + list(synthetic_articles(20))


def test_same_briefs_byte_for_byte_as_the_local_executor(cluster) -> None:
    articles = corpus()
    local = list(brief_all(articles, Options(executor="local")))
    remote = list(brief_all(articles, Options(executor="dask", scheduler=cluster.scheduler_address)))
    assert len(remote) == len(local) == 25
    assert [render_brief(b, "json") for b in remote] == [render_brief(b, "json") for b in local]


def slow_brief(article: Article) -> PolicyBrief | Failure:
    from policybrief.pipeline import brief_article

    time.sleep(0.05)
    return brief_article(article)


def test_a_worker_killed_mid_run_still_yields_every_brief(cluster) -> None:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    client = distributed.Client(cluster)
    pids = list(client.run(os.getpid).values())
    client.close()
    articles = list(synthetic_articles(80))
    executor = Executor(kind="dask", workers=2, scheduler=cluster.scheduler_address, chunk_size=2)
    results = []
    for n, result in enumerate(map_ordered(slow_brief, articles, executor)):
        results.append(result)
        if n == 5:
            os.kill(pids[0], signal.SIGKILL)
    assert len(results) == 80
    assert all(isinstance(r, PolicyBrief) for r in results)
    assert [r.source for r in results] == [a.source for a in articles]  # type: ignore[union-attr]


def test_a_corrupt_article_fails_alone(cluster) -> None:
    articles = list(synthetic_articles(6))
    articles.insert(3, Article(source="corrupt.txt", paragraphs=("\x00\x01 garbage",)))
    work = partial(brief_all, options=Options(executor="dask", scheduler=cluster.scheduler_address))
    results = list(work(articles))
    assert [isinstance(r, Failure) for r in results] == [False] * 3 + [True] + [False] * 3
    assert "corrupt.txt" in results[3].message  # type: ignore[union-attr]


def test_cli_brief_on_a_local_cluster(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from policybrief.cli import app

    result = CliRunner().invoke(
        app, ["brief", str(ROOT / "seeds"), "--out", str(tmp_path), "--executor", "dask", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*.md"))) == 5


# --- workers read their own partitions ----------------------------------------------------


def shown(results: list[PolicyBrief | Failure]) -> list[str]:
    return [r.message if isinstance(r, Failure) else render_brief(r, "json") for r in results]


def both(paths: list[str], cluster, **options) -> tuple[list[str], list[str], list[str], list[str]]:
    """(local results, local warnings, dask results, dask warnings) of ``build_briefs``."""
    local_warnings: list[str] = []
    remote_warnings: list[str] = []
    local = shown(list(build_briefs(paths, Options(executor="local"), local_warnings.append)))
    remote_options = Options(executor="dask", scheduler=cluster.scheduler_address, **options)
    remote = shown(list(build_briefs(paths, remote_options, remote_warnings.append)))
    return local, local_warnings, remote, remote_warnings


def write_jsonl(path: Path, articles: list[Article], bad: dict[int, str] | None = None) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n, article in enumerate(articles):
            if bad and n in bad:
                handle.write(bad[n] + "\n")
            handle.write(json.dumps({"id": n, "title": article.title, "text": article.text}) + "\n")
    return path


def test_a_folder_read_by_the_workers_gives_the_same_briefs(cluster, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for n, article in enumerate(synthetic_articles(7)):
        (folder / ("sub" if n % 2 else "") / f"{n}.txt").write_text(article.text)  # type: ignore[attr-defined]
    (folder / "latin.txt").write_bytes("Le café était fermé. Les élèves sont partis tôt.".encode("cp1252"))
    (folder / "one.txt").write_text("Just one sentence here.")
    (folder / "seed.txt").write_text((ROOT / "seeds" / "000_f2d1e5955d110ce0.txt").read_text())
    monkeypatch.chdir(tmp_path)  # relative names: workers open absolute paths, briefs keep the names
    paths = ["in", "missing.txt"]
    assert count_tasks(paths, files_per_task=3) == 5
    local, local_warnings, remote, remote_warnings = both(paths, cluster, files_per_task=3)
    assert len(local) == 15 and remote == local
    assert remote_warnings == local_warnings and "cp1252" in remote_warnings[0]
    assert sum('"source": "in/one.txt"' in r and '"key_points": []' in r for r in remote) == 1
    assert remote[-1] == "missing.txt: no such file or folder (check the path)"


def test_a_jsonl_file_read_in_byte_blocks_gives_the_same_briefs(cluster, tmp_path: Path) -> None:
    articles = corpus()
    data = write_jsonl(tmp_path / "articles.jsonl", articles, bad={4: "{not json", 11: '{"text": ""}'})
    block = 7_001  # a few articles a block, never on a line boundary
    assert count_tasks([str(data)], block) == -(-data.stat().st_size // block) >= 8
    local, _, remote, _ = both([str(data)], cluster, block_size=block)
    assert len(local) == 27 and remote == local
    failures = [r for r in remote if not r.startswith("{")]
    assert failures[0].startswith(f"{data}:5: is not valid JSON")
    assert failures[1].startswith(f"{data}:13: has no")
    assert json.loads(remote[-1])["source"] == f"{data}:27"


def test_a_worker_killed_mid_run_reading_partitions_still_yields_every_brief(cluster, tmp_path: Path) -> None:
    client = distributed.Client(cluster)
    pids = list(client.run(os.getpid).values())
    client.close()
    data = write_jsonl(tmp_path / "many.jsonl", list(synthetic_articles(240)))  # type: ignore[arg-type]
    options = Options(executor="dask", scheduler=cluster.scheduler_address, block_size=12_000)
    results = []
    for n, result in enumerate(build_briefs([str(data)], options)):
        results.append(result)
        if n == 0:
            os.kill(pids[0], signal.SIGKILL)
    assert len(results) == 240 and all(isinstance(r, PolicyBrief) for r in results)
    assert [r.source for r in results] == [f"{data}:{n}" for n in range(1, 241)]  # type: ignore[union-attr]


def test_cli_jsonl_on_the_cluster_a_bad_line_fails_alone(cluster, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from policybrief.cli import app

    data = write_jsonl(tmp_path / "a.jsonl", list(synthetic_articles(5)), bad={2: "[1, 2]"})  # type: ignore[arg-type]
    args = ["brief", str(data), "--out", "-", "--format", "json", "--executor", "dask"]
    result = CliRunner().invoke(app, [*args, "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 3, result.output
    assert result.stderr == (
        f"policybrief: error: {data}:3: is a JSON array, not an object "
        '(each line must be one JSON object with a non-empty "text"; fix or remove the line)\n'
    )  # one line, and no progress bar: stderr is not a terminal
    assert len(json.loads(result.stdout)) == 5


def test_dask_draws_its_own_progress_bar_on_stderr(cluster, capfd) -> None:
    articles = list(synthetic_articles(12))
    address = cluster.scheduler_address
    executor = Executor(kind="dask", scheduler=address, chunk_size=2, window=1, progress=True)
    assert len(list(map_ordered(slow_brief, articles, executor))) == 12
    captured = capfd.readouterr()
    assert captured.out == ""  # stdout may carry the briefs: the bar stays off it
    assert "| 100% Completed | 6/6 tasks |" in captured.err
    assert captured.err.startswith("\r[") and captured.err.endswith("\33[2K\r")


def write_eval_set(path: Path, count: int, bad_line: int | None = None) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n, article in enumerate(synthetic_articles(count)):
            if bad_line is not None and n + 1 == bad_line:
                handle.write('{"text": "no reference"}\n')
                continue
            text = article.text  # type: ignore[attr-defined]
            handle.write(json.dumps({"id": n, "text": text, "reference": text.split(". ")[0] + "."}) + "\n")
    return path


def test_eval_on_the_cluster_reads_its_dataset_in_blocks(cluster, tmp_path: Path) -> None:
    from policybrief.errors import IngestError
    from policybrief.evaluate import EvalOptions, evaluate, evaluate_file, load_dataset

    data = write_eval_set(tmp_path / "eval.jsonl", 12)
    methods = ["lead", "default"]
    local = evaluate(load_dataset(data, 9), methods, EvalOptions(executor="local", limit=9))
    remote_options = EvalOptions(executor="dask", scheduler=cluster.scheduler_address, limit=9)
    block = 2_001  # about one record a block, never on a line boundary
    assert count_tasks([str(data)], block) >= 6
    remote = evaluate_file(data, methods, remote_options, block_size=block)
    assert [s.articles for s in remote] == [9, 9]
    for mine, theirs in zip(remote, local, strict=True):
        assert (mine.method, mine.rouge1, mine.rouge2, mine.rougeLsum) == pytest.approx(
            (theirs.method, theirs.rouge1, theirs.rouge2, theirs.rougeLsum)
        )
    bad = write_eval_set(tmp_path / "bad.jsonl", 8, bad_line=6)
    with pytest.raises(IngestError) as caught:
        evaluate_file(bad, methods, remote_options, block_size=block)
    assert caught.value.subject == f"{bad}:6" and "'text' and 'reference'" in str(caught.value)

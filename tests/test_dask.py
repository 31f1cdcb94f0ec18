"""The Dask executor on a real LocalCluster: same briefs, a killed worker, a bad article."""

from __future__ import annotations

import os
import signal
import sys
import time
from functools import partial
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from policybrief.batch import Executor, map_ordered  # noqa: E402
from policybrief.models import Article, PolicyBrief  # noqa: E402
from policybrief.pipeline import Failure, Options, brief_all, iter_articles  # noqa: E402
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

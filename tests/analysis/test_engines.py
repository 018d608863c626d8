"""Engines: in-process, a pool of processes, and a Dask cluster give the same results in order."""

from __future__ import annotations

import json
import sys

import pandas as pd
import pytest
from analysis_support import assert_same_output, news_corpus

from framing.analysis.engines import (
    DASK_BATCH,
    DaskEngine,
    LocalEngine,
    make_engine,
    require_dask,
)
from framing.analysis.run import analyze, analyze_to
from framing.analysis.store import PARTS, PROGRESS
from framing.attribution.actors import Registry
from framing.errors import FramingError


def square_sum(batch):
    return sum(x * x for x in batch)


def batches(n):
    return [list(range(i, i + 3)) for i in range(n)]


def test_local_engine_keeps_the_order_in_one_or_two_processes():
    expected = [square_sum(b) for b in batches(9)]
    assert list(LocalEngine(1).map(square_sum, batches(9))) == expected
    assert list(LocalEngine(2).map(square_sum, batches(9))) == expected


def test_local_engine_reads_ahead_a_bounded_window():
    pulled = 0

    def items():
        nonlocal pulled
        for b in batches(20):
            pulled += 1
            yield b

    engine = LocalEngine(2, window=3)
    results = engine.map(square_sum, items())
    next(results)
    assert pulled == 3  # not the whole stream
    assert len(list(results)) == 19


def test_engine_options():
    assert isinstance(make_engine("local", workers=3), LocalEngine)
    with pytest.raises(FramingError, match="unknown engine 'spark'"):
        make_engine("spark")
    with pytest.raises(FramingError, match="use engine='dask'"):
        make_engine("local", scheduler="tcp://127.0.0.1:1")
    with pytest.raises(FramingError, match="at least 1"):
        LocalEngine(0)
    given = LocalEngine(2)
    assert make_engine(given) is given


def test_without_dask_the_error_says_how_to_install_it(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    with pytest.raises(FramingError, match=r"pip install 'framing\[dask\]'"):
        require_dask()
    from framing.cli import main

    src = tmp_path / "a.txt"
    src.write_text("The minister said the talks were over.", encoding="utf-8")
    assert main(["analyze", str(src), "--out", str(tmp_path / "out"), "--engine", "dask"]) == 2
    assert "pip install 'framing[dask]'" in capsys.readouterr().err


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.slow
def test_dask_engine_keeps_the_order(dask_client):
    engine = DaskEngine(dask_client)
    assert engine.parallelism == 2
    assert list(engine.map(square_sum, batches(7))) == [square_sum(b) for b in batches(7)]
    engine.close()
    assert dask_client.status == "running"  # a client passed in is the caller's to close


@pytest.mark.slow
def test_dask_and_local_engines_give_identical_tables(dask_client, tmp_path):
    registry = Registry.load()
    local = analyze_to(news_corpus(8), tmp_path / "local", registry=registry, n_boot=30, batch_size=3)
    dask = analyze_to(news_corpus(8), tmp_path / "dask", registry=registry, n_boot=30, batch_size=3,
                      client=dask_client)
    assert dask["engine"].startswith("DaskEngine") and local["engine"].startswith("LocalEngine")
    assert dask["batches"] == local["batches"] == 3
    assert_same_output(tmp_path / "dask", tmp_path / "local")
    on_dask = analyze(news_corpus(8), registry=registry, n_boot=30, batch_size=3, client=dask_client)
    here = analyze(news_corpus(8), registry=registry, n_boot=30)
    for name, table in here.items():
        pd.testing.assert_frame_equal(on_dask[name], table, obj=name)


@pytest.mark.slow
def test_dask_reads_the_corpus_in_partitions_of_a_thousand_documents(dask_client, tmp_path):
    analyze_to(news_corpus(4), tmp_path, n_boot=0, client=dask_client, keep_parts=True)
    settings = json.loads((tmp_path / PARTS / PROGRESS).read_text(encoding="utf-8").splitlines()[0])["settings"]
    assert settings["batch_size"] == DASK_BATCH == 1000


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads process states from /proc")
def test_workers_end_when_the_run_is_killed(tmp_path):
    """kill -9 of the run's process must not leave its worker processes (and their memory) behind."""
    import os
    import signal
    import subprocess
    import textwrap
    import time

    pids = tmp_path / "pids"
    script = textwrap.dedent(f"""
        import os, time
        from framing.analysis.engines import LocalEngine

        def work(item):
            with open({str(pids)!r}, "a") as f:
                f.write(f"{{os.getpid()}}\\n")
            time.sleep(60)

        if __name__ == "__main__":
            list(LocalEngine(2).map(work, range(4)))
    """)
    (tmp_path / "run.py").write_text(script, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(tmp_path / "run.py")])
    try:
        deadline = time.monotonic() + 60
        while (not pids.exists() or len(pids.read_text().split()) < 2) and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p) for p in pids.read_text().split()]
        assert len(workers) == 2
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    def alive(pid):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        with open(f"/proc/{pid}/stat") as f:  # a zombie waiting for init to reap it is gone too
            return f.read().split(")")[-1].split()[0] != "Z"

    deadline = time.monotonic() + 15
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in workers)

"""Parse on a Dask cluster (issue 13): ``python -m xxgk ingest --cluster tcp://HOST:PORT PATH…``.

Parsing is a pure function of a file's bytes, so it is what a national run spreads over
machines. The main process walks and hashes the files as always; each task parses a batch of
files on a worker (which reads them itself: the paths must be the same on every machine, a
shared folder) and writes the batch's records to one Parquet file under a shared folder or
object-storage URL (pyarrow's filesystems). The main process reads those Parquet files with
DuckDB as they finish and loads them into the run's private copy of the warehouse exactly as
a local run does: placing agencies, superseding and the cross-year rules need the whole
warehouse and stay in one process.

A batch whose worker dies (or that the scheduler gives up on) becomes error records for its
files, as a dead local worker does; nothing is guessed. A file's own parse timeout is the
local pool's alone: Dask cannot kill a running task.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.fs
import pyarrow.parquet as pq
from tqdm import tqdm

from xxgk.ingest import ParseJob, parse_job
from xxgk.parse import failed_record
from xxgk.warehouse import run_query

CONNECT_SECONDS = 30
DEFAULT_BATCH = 100  # files per task: a few seconds of work, one Parquet file
SCHEMA = pa.schema([("sha256", pa.string()), ("path", pa.string()), ("record", pa.string())])


class ClusterUnavailable(RuntimeError):
    """The scheduler at the address given cannot be reached."""


def parse_batch(jobs: list[ParseJob], target: str) -> str:
    """On a worker: parse the files, write their records to ``target`` (a Parquet file path or
    URL); returns ``target``."""
    records = [_parse_one(job) for job in jobs]
    table = pa.table({"sha256": [job.sha256 for job in jobs], "path": [job.path for job in jobs],
                      "record": [json.dumps(r, ensure_ascii=False) for r in records]},
                     schema=SCHEMA)
    pq.write_table(table, target, compression="zstd")
    return target


def _parse_one(job: ParseJob) -> dict:
    try:
        return parse_job(job)
    except Exception as exc:  # one file's failure is its own, never its batch's
        return failed_record(job.sha256, job.path, "parser-error",
                             f"解析出错，未取任何数值：{type(exc).__name__}: {exc}")


def read_batch(path: str) -> Iterator[dict]:
    """The records of one batch's Parquet file, read by DuckDB."""
    with duckdb.connect() as con:
        frame = run_query(con, "load/parse_batch", path=path)
    for text in frame["record"]:
        yield json.loads(text)


def parse_on_cluster(todo: list[ParseJob], address: str, parts: str, progress: bool,
                     batch: int = DEFAULT_BATCH) -> Iterator[dict]:
    """Records of ``todo`` parsed by the workers of the Dask scheduler at ``address``, as their
    batches finish; ``parts`` is the shared folder (or URL) the workers write Parquet to."""
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except OSError as exc:
        raise ClusterUnavailable(f"无法连接 Dask 集群 {address}（{exc}）：请先启动 dask scheduler "
                                 "和 dask worker，见 README") from exc
    run = f"{parts.rstrip('/')}/run-{uuid.uuid4().hex[:12]}"
    batches = [todo[i:i + batch] for i in range(0, len(todo), batch)]
    bar = tqdm(total=len(todo), unit="report", desc="parse (cluster)",
               disable=None if progress else True)
    try:
        _make_dirs(run)
        futures = {client.submit(parse_batch, jobs, f"{run}/{n:06d}.parquet", pure=False): jobs
                   for n, jobs in enumerate(batches)}
        for future in as_completed(futures):
            jobs = futures.pop(future)
            try:
                path = future.result()
            except Exception as exc:  # the worker died, or the batch could not be written
                for job in jobs:
                    yield failed_record(job.sha256, job.path, "parser-error",
                                        f"集群解析失败，未取任何数值：{type(exc).__name__}: {exc}")
            else:
                yield from read_batch(path)
            bar.update(len(jobs))
            future.release()
    finally:  # loaded, failed or stopped: the run's Parquet files are not kept
        bar.close()
        client.close()
        _remove_dirs(run)


def _make_dirs(url: str) -> None:
    fs, path = pa.fs.FileSystem.from_uri(_as_uri(url))
    fs.create_dir(path, recursive=True)


def _remove_dirs(url: str) -> None:
    fs, path = pa.fs.FileSystem.from_uri(_as_uri(url))
    if fs.get_file_info(path).type != pa.fs.FileType.NotFound:
        fs.delete_dir(path)


def _as_uri(url: str) -> str:
    return url if "://" in url else str(Path(url).resolve())

"""A dashboard served for tests and benchmarks: `streamlit run dashboard.py` on a free loopback
port over a given warehouse; the browser the tests drive; a client of Streamlit's own protocol."""

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAGES = {"overview": "总览", "requests": "申请量", "outcomes": "办理结果", "review": "行政复议与行政诉讼",
         "proactive": "主动公开", "agency": "机构档案", "compare": "机构对比", "quality": "数据质量",
         "upload": "导入报告", "metrics": "指标说明"}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(db: Path, secrets: Path | None = None):
    """`streamlit run dashboard.py` on a free loopback port over the warehouse at ``db``, with
    the secrets file ``secrets`` (editors' accounts) instead of .streamlit/secrets.toml."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port",
         str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false",
         *(["--secrets.files", str(secrets)] if secrets else [])],
        cwd=ROOT, env={**os.environ, "XXGK_DB": str(db)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("streamlit did not become healthy within 60 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def protocol_session(url: str, seconds: float, offset: int, visits: int | None = None
                           ) -> tuple[list[float], list[str]]:
    """One person as the dashboard sees them, without a browser rendering the pages: Streamlit's
    own websocket protocol, the messages a browser sends when a sidebar page is clicked, and
    every message of the answer read to the end of the run. Latency = click to last message."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    latencies: list[float] = []
    errors: list[str] = []
    hashes: dict[str, str] = {}

    async def run(ws, page_hash: str, path: str = "overview") -> None:
        msg = BackMsg()
        msg.rerun_script.page_script_hash = page_hash
        msg.rerun_script.query_string = ""
        start = time.perf_counter()
        await ws.send(msg.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
            kind = reply.WhichOneof("type")
            if kind in ("new_session", "navigation"):
                pages = getattr(reply, kind).app_pages
                hashes.update({page.url_pathname or "overview": page.page_script_hash
                               for page in pages})
            elif kind == "delta" and reply.delta.new_element.WhichOneof("type") == "exception":
                errors.append(f"exception on {path}: "
                              f"{reply.delta.new_element.exception.message[:80]}")
            elif kind == "script_finished":
                if reply.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    latencies.append(time.perf_counter() - start)
                    return
                if reply.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    errors.append("compile error")
                    return

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
            await run(ws, "")
            deadline, i, paths = time.time() + seconds, offset, list(PAGES)
            while time.time() < deadline and (visits is None or i - offset < visits):
                path = paths[i % len(paths)]
                try:
                    await run(ws, hashes[path], path)
                except (TimeoutError, KeyError) as exc:
                    errors.append(f"{path}: {type(exc).__name__}")
                i += 1
    except Exception as exc:
        errors.append(f"connection: {str(exc).splitlines()[0][:80]}")
    return latencies, errors

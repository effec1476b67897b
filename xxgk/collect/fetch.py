"""Polite, guarded HTTP for the collector (issue 14): only http(s) addresses, never loopback or
private networks unless allowed, robots.txt honoured, one request at a time per host with a
delay between them, timeouts, retries with backoff on 5xx and timeouts only, a size cap per
response, conditional requests (ETag / Last-Modified) and redirects followed by hand so every
hop is checked the same way."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from urllib.parse import urljoin, urlsplit

import httpx

from xxgk import __version__

ROBOTS_AGENT = "xxgk"          # the name robots.txt rules address us by
USER_AGENT = f"{ROBOTS_AGENT}/{__version__} (collector of government disclosure annual reports)"
DEFAULT_DELAY = 1.0            # seconds between two requests to one host
DEFAULT_TIMEOUT = 20.0         # seconds to connect, and between two reads of a response
DEFAULT_RETRIES = 3            # further tries after a 5xx or a timeout
DEFAULT_BACKOFF = 1.0          # seconds before the first retry; doubled each time
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # a report PDF is 0.1–5 MB; past this it is not one
DEFAULT_MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 60.0         # a robots.txt Crawl-delay longer than this is taken as this
RETRIED_STATUSES = frozenset({500, 502, 503, 504})


class Refused(Exception):
    """An address the collector will not fetch (scheme, network, robots.txt): said in Chinese."""


@dataclass(frozen=True)
class Politeness:
    delay: float = DEFAULT_DELAY
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    max_bytes: int = DEFAULT_MAX_BYTES
    user_agent: str = USER_AGENT


POLITE = Politeness()

@dataclass(frozen=True)
class Validator:
    """What a previous run saw of an address: sent back so an unchanged document is not resent."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Fetched:
    """One fetch: the address asked, where it ended after redirects, and what came back. ``data``
    is None when nothing usable came (``error`` says why) or when the server answered 304."""

    url: str
    final_url: str
    status: int | None
    content_type: str = ""
    charset: str | None = None
    data: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    error: str | None = None

    @property
    def unchanged(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and (
            self.status == 304 or 200 <= self.status < 300)


def check_address(url: str, allow_private: bool) -> None:
    """Raise Refused unless ``url`` is http(s) on a public address (any address with
    ``allow_private``). Every address the host name resolves to is checked."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"只采集 http/https 网址，拒绝 {parts.scheme or '无协议'}：{url}")
    host = parts.hostname
    if not host:
        raise Refused(f"网址没有主机名：{url}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"无法解析主机名 {host}：{exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise Refused(f"{host} 指向本机或内网地址 {address}：为防止服务器端请求伪造，"
                          "不采集本机和内网地址")


def _charset(content_type: str) -> str | None:
    message = Message()
    message["content-type"] = content_type
    return message.get_param("charset")  # type: ignore[return-value]


class Fetcher:
    """One collector run's HTTP: a shared client, a gate per host (one request at a time, with
    the delay between them) and each host's robots.txt, read once per run."""

    def __init__(self, politeness: Politeness = POLITE, allow_private: bool = False,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.politeness = politeness
        self.allow_private = allow_private
        timeout = httpx.Timeout(politeness.timeout)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, transport=transport,
                                   headers={"User-Agent": politeness.user_agent})
        self._gates: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._crawl_delay: dict[str, float] = {}
        self._lock = threading.Lock()
        self.requests = 0     # every request, robots.txt included
        self.conditional = 0  # of them, with a validator ("changed since?")
        self.robots = 0       # of them, robots.txt

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _gate(self, origin: str) -> threading.Lock:
        with self._lock:
            return self._gates.setdefault(origin, threading.Lock())

    def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        """One GET, the host's gate held for it; the body read up to the size cap."""
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        with self._gate(origin):
            delay = max(self.politeness.delay, self._crawl_delay.get(origin, 0.0))
            wait = self._last.get(origin, 0.0) + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                with self._lock:
                    self.requests += 1
                    self.conditional += bool(headers)
                return self._read(url, headers)
            finally:
                self._last[origin] = time.monotonic()

    def _read(self, url: str, headers: dict[str, str]) -> Fetched:
        cap = self.politeness.max_bytes
        with self.client.stream("GET", url, headers=headers) as response:
            fetched = Fetched(url, url, response.status_code,
                              response.headers.get("content-type", ""),
                              _charset(response.headers.get("content-type", "")),
                              etag=response.headers.get("etag"),
                              last_modified=response.headers.get("last-modified"))
            if response.is_redirect:
                fetched.final_url = urljoin(url, response.headers.get("location", ""))
                return fetched
            if response.status_code != 200:
                return fetched
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                fetched.error = f"文件过大（{int(declared) / 1e6:.1f} MB，上限 {cap / 1e6:.0f} MB）"
                return fetched
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    fetched.error = f"文件过大（超过 {cap / 1e6:.0f} MB 上限），已停止下载"
                    return fetched
                chunks.append(chunk)
            fetched.data = b"".join(chunks)
            return fetched

    def allowed(self, url: str) -> bool:
        """What the host's robots.txt says of ``url`` for us (read once per host and run). No
        robots.txt (4xx) allows everything; one that cannot be read (5xx, timeout) allows nothing,
        as RFC 9309 asks."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = origin in self._robots
        if not known:
            robots = urllib.robotparser.RobotFileParser()
            got = self._with_retries(origin + "/robots.txt", {})
            with self._lock:
                self.robots += 1
            if got.status is not None and 300 <= got.status < 500:
                robots.parse([])  # no rules: everything allowed
            elif got.data is not None and got.status == 200:
                robots.parse(got.data.decode("utf-8", errors="replace").splitlines())
            else:
                robots.parse(["User-agent: *", "Disallow: /"])
            with self._lock:
                self._robots[origin] = robots
                asked = robots.crawl_delay(ROBOTS_AGENT)  # Crawl-delay: honoured, up to a minute
                if asked:
                    self._crawl_delay[origin] = min(float(asked), MAX_CRAWL_DELAY)
        return self._robots[origin].can_fetch(ROBOTS_AGENT, url)

    def _with_retries(self, url: str, headers: dict[str, str]) -> Fetched:
        """``_request`` again after a 5xx, a timeout or a dropped connection, waiting longer each
        time; any other answer is final."""
        delay = self.politeness.backoff
        for attempt in range(self.politeness.retries + 1):
            try:
                fetched = self._request(url, headers)
            except httpx.TimeoutException:
                fetched = Fetched(url, url, None, error=f"超时（{self.politeness.timeout:.0f} 秒无响应）")
            except httpx.TransportError as exc:
                fetched = Fetched(url, url, None, error=f"连接失败：{exc.__class__.__name__}")
            retry = fetched.status in RETRIED_STATUSES or (
                fetched.status is None and fetched.error is not None)
            if not retry or attempt == self.politeness.retries:
                if fetched.status in RETRIED_STATUSES:
                    fetched.error = f"服务器错误 HTTP {fetched.status}（重试 {attempt} 次后仍失败）"
                elif fetched.status is None and attempt:
                    fetched.error = f"{fetched.error}（重试 {attempt} 次后仍失败）"
                return fetched
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def get(self, url: str, validator: Validator | None = None) -> Fetched:
        """GET ``url``: checked, allowed by robots.txt, redirects followed (each hop checked), a
        conditional request when a previous run's ``validator`` is given."""
        headers = {}
        if validator and validator.etag:
            headers["If-None-Match"] = validator.etag
        if validator and validator.last_modified:
            headers["If-Modified-Since"] = validator.last_modified
        asked, hops = url, 0
        while True:
            try:
                check_address(url, self.allow_private)
                if not self.allowed(url):
                    raise Refused(f"该网站的 robots.txt 不允许采集 {urlsplit(url).path or '/'}")
            except Refused as exc:
                return Fetched(asked, url, None, error=str(exc))
            fetched = self._with_retries(url, headers)
            fetched.url = asked
            if fetched.status is None or not 300 <= fetched.status < 400 or fetched.status == 304:
                fetched.final_url = url
                if fetched.status is not None and fetched.status >= 400 and fetched.error is None:
                    fetched.error = (f"网页不存在（HTTP {fetched.status}）" if fetched.status in (404, 410)
                                     else f"HTTP {fetched.status}")
                return fetched
            hops += 1
            if hops > DEFAULT_MAX_REDIRECTS or fetched.final_url == url:
                fetched.error = f"重定向超过 {DEFAULT_MAX_REDIRECTS} 次或循环"
                return fetched
            url = fetched.final_url

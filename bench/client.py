"""A small HTTP client (http.client, keep-alive, cookies) and gunicorn as a child process."""
from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSRF_RE = re.compile(r'name="csrf-token" content="([^"]+)"')


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    header_bytes: int


class Client:
    """One keep-alive connection with a cookie jar; reconnects when the server closes."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Reply:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()  # a closed keep-alive connection; the next request reconnects
                if attempt == 2:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        size = len(f"HTTP/1.1 {response.status} {response.reason}\r\n\r\n") + sum(
            len(f"{k}: {v}\r\n") for k, v in response.getheaders())
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data, size)

    def get(self, path: str, **headers) -> Reply:
        return self.request("GET", path, headers=headers)

    def login(self, email: str, password: str) -> None:
        token = CSRF_RE.search(self.get("/login").body.decode()).group(1)
        form = f"email={email}&password={password}&csrf_token={token}".replace("@", "%40")
        reply = self.request("POST", "/login", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
        if reply.status != 302:
            raise RuntimeError(f"login as {email} failed: {reply.status}")


def timed(threads: list[threading.Thread]) -> float:
    """Start the threads together and wait for every one; the seconds that took."""
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def requests_per_second(port: int, path: str, cookies: dict, total: int, concurrency: int) -> float:
    """Send `total` GETs from `concurrency` threads, each on its own keep-alive connection."""
    per_thread = total // concurrency
    errors: list[str] = []

    def worker():
        client = Client(port)
        client.cookies = dict(cookies)
        for _ in range(per_thread):
            reply = client.get(path)
            if reply.status != 200:
                errors.append(f"{path}: {reply.status}")
                return

    elapsed = timed([threading.Thread(target=worker) for _ in range(concurrency)])
    if errors:
        raise RuntimeError(errors[0])
    return per_thread * concurrency / elapsed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn serving bench.wsgi_bench:app on a free loopback port."""

    def __init__(self, env: dict, workers: int = 2):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "bench.wsgi_bench:app"],
            cwd=ROOT, env={**os.environ, **env})
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if Client(self.port).get("/bench/bare").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def workers(self) -> list[int]:
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                    pids.append(int(entry.name))
        return pids

    def cpu_seconds(self) -> float:
        """User + system CPU time the workers have used so far."""
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def peak_rss_mb(self) -> float:
        """The largest peak resident set (VmHWM) among the workers."""
        peaks = [0.0]
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return max(peaks)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()

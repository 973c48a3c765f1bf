"""Real web servers for the pack tests and the benchmark: Python's http.server, a
server that misbehaves on purpose, and Debian's nginx started on a free port with a
temporary configuration (and stopped again)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    statuses: list[int]

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.statuses.append(int(code) if str(code).isdigit() else 0)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def python_server(folder: Path) -> Iterator[tuple[str, list[int]]]:
    """http.server serving `folder`; yields its address and the status of each answer
    (SimpleHTTPRequestHandler answers If-Modified-Since with 304 itself)."""
    statuses: list[int] = []
    handler = type("Handler", (_QuietHandler,), {"statuses": statuses})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", statuses
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class FaultyHandler(http.server.BaseHTTPRequestHandler):
    """Serves files from `folder`, but each path may be told to fail (see `faults`):
    "404", "500", "html", "stall" (headers, then nothing), "drip" (a byte at a time,
    slowly), "truncate" (half the body, then the connection closes), "junk" (other bytes
    of the same length), "long" (more bytes than the feed says)."""

    folder: Path
    faults: dict[str, str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        name = self.path.lstrip("/").split("?")[0]
        fault = self.faults.get(name, "")
        if fault in ("404", "500"):
            self.send_error(int(fault))
            return
        if fault == "html":
            body = "<!DOCTYPE html><html><body>登录 Wi-Fi</body></html>".encode()
            self._send(body, "text/html; charset=utf-8")
            return
        try:
            body = (self.folder / name).read_bytes()
        except OSError:
            self.send_error(404)
            return
        if fault == "junk":
            body = bytes(len(body))
        if fault == "long":
            body += bytes(1000)
        if fault == "stall":
            self._headers(len(body), "application/octet-stream")
            time.sleep(30)
            return
        if fault == "drip":
            self._headers(len(body), "application/octet-stream")
            for i in range(len(body)):
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
                time.sleep(0.2)
            return
        if fault == "truncate":
            self._headers(len(body), "application/octet-stream")
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self._send(body, "application/json" if name.endswith(".json") else "application/zip")

    def _headers(self, length: int, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def _send(self, body: bytes, kind: str) -> None:
        self._headers(len(body), kind)
        self.wfile.write(body)


@contextlib.contextmanager
def faulty_server(folder: Path, faults: dict[str, str]) -> Iterator[str]:
    handler = type("Handler", (FaultyHandler,), {"folder": folder, "faults": faults})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


NGINX_CONFIG = """\
{user}daemon off;
worker_processes {workers};
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    types {{ application/json json; application/zip zip; }}
    default_type application/octet-stream;
    access_log {access};
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        etag on;
    }}
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx")
                                      else None)
    if found is None:
        raise RuntimeError("nginx is not installed: ./dev.sh test installs nginx")
    return found


def early_error_log_option(binary: str, run: Path) -> list[str]:
    """`-e FILE`: where nginx logs before it has read the config (else its built-in path,
    which a user may not be allowed to write). Only nginx 1.19.5 and newer know it;
    Ubuntu 22.04 has 1.18, which refuses to start with it."""
    version = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False).stderr
    found = re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", version)
    if found and tuple(int(part) for part in found.groups()) >= (1, 19, 5):
        return ["-e", str(run / "error.log")]
    return []


@contextlib.contextmanager
def nginx_server(folder: Path, run: Path, *, access_log: bool = True,
                 workers: int = 1) -> Iterator[str]:
    """Debian's nginx serving `folder` on a free port, in the foreground, as a child
    process that is stopped (QUIT, then KILL) when the block ends."""
    run.mkdir(parents=True, exist_ok=True)
    port = free_port()
    access = f"{run}/access.log" if access_log else "off"
    config = run / "nginx.conf"
    # As root, nginx's workers would run as nobody, who cannot read a test's temp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    config.write_text(NGINX_CONFIG.format(run=run, port=port, root=folder.resolve(),
                                          access=access, workers=workers, user=user))
    binary = nginx_binary()
    process = subprocess.Popen([binary, "-c", str(config), "-p", str(run),
                                *early_error_log_option(binary, run)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {process.stderr.read()!r}"
                                   if process.stderr else "nginx did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if process.stderr:
            process.stderr.close()


def nginx_statuses(run: Path) -> list[int]:
    """Status codes from nginx's access log (combined format: status after the request)."""
    path = run / "access.log"
    if not path.exists():
        return []
    codes = []
    for line in path.read_text(errors="replace").splitlines():
        parts = line.split('"')
        if len(parts) > 2 and parts[2].split():
            codes.append(int(parts[2].split()[0]))
    return codes

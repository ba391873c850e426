"""`job-lsp serve --tcp HOST:PORT` answers LSP over a loopback socket."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time


def message(payload: dict) -> bytes:
    body = json.dumps(payload).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def read_message(sock: socket.socket) -> dict:
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(4096)
    head, _, rest = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(rest) < length:
        rest += sock.recv(4096)
    return json.loads(rest[:length])


def start_tcp_server() -> tuple[subprocess.Popen, socket.socket]:
    """A server on a free loopback port, and a connection to it. The port is found free and
    then handed to the server: should another process take it meanwhile, the server exits
    and another port is tried."""
    for _ in range(5):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "job_lsp.cli", "serve", "--tcp", f"127.0.0.1:{port}"], stderr=subprocess.PIPE)
        deadline = time.time() + 60
        while server.poll() is None and time.time() < deadline:
            try:
                return server, socket.create_connection(("127.0.0.1", port), timeout=5)
            except OSError:
                time.sleep(0.1)
        server.kill()
        server.wait(10)
    raise AssertionError("the server never listened on a free port")


def test_serve_over_tcp() -> None:
    server, sock = start_tcp_server()
    try:
        with sock:
            sock.sendall(message({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}}))
            reply = read_message(sock)
            while "id" not in reply:
                reply = read_message(sock)
            assert reply["id"] == 1 and reply["result"]["serverInfo"]["name"] == "job-lsp"
            caps = reply["result"]["capabilities"]
            assert caps["hoverProvider"] and caps["documentFormattingProvider"] and caps["completionProvider"]
            sock.sendall(message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
            sock.sendall(message({"jsonrpc": "2.0", "method": "exit"}))
    finally:
        server.kill()
        server.wait(10)

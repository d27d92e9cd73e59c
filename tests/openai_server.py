"""A scripted OpenAI-compatible chat server for tests: real HTTP on 127.0.0.1, no model.

``POST /v1/chat/completions`` answers with the next scripted reply (a list of strings
served in order, or a callable(request_json) -> str), as a ``chat.completion`` object or,
for ``stream: true``, as server-sent ``chat.completion.chunk`` events ending in
``data: [DONE]``. ``GET /v1/models`` lists the one model. Every request body is recorded
in ``requests`` so that a test can assert on what the client sent. When the script runs
out the server answers 400 (which clients do not retry), so the test fails loudly. A reply
that is an int is answered as that HTTP status with an error body (a server that fails).

    with ScriptedOpenAIServer(["<answer>...</answer>"]) as server:
        ChatOpenAI(model="m", base_url=server.url, api_key="EMPTY").invoke("hi")
        server.requests[0]["messages"]
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Sequence[str | int] | Callable[[dict[str, Any]], str | int]

STREAM_PIECE_CHARS = 7
"""Streamed replies come in pieces this long, so that a client must join several chunks."""


def _usage(request: dict[str, Any], text: str) -> dict[str, int]:
    """Whitespace 'tokens': enough for a client to read a well-formed usage block."""
    prompt = sum(len(str(m.get("content", "")).split()) for m in request.get("messages", []))
    completion = len(text.split())
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


class ScriptedOpenAIServer:
    """The server, in a background thread; a context manager. ``url`` is the base_url (…/v1)."""

    def __init__(self, replies: Reply, *, model: str = "AutoBM-Seed-Coder-8B-R") -> None:
        self.model = model
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self._replies = replies if callable(replies) else iter(list(replies))
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="scripted-openai", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> ScriptedOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _next_reply(self, request: dict[str, Any]) -> str | int | None:
        with self._lock:
            self.requests.append(request)
            if callable(self._replies):
                return self._replies(request)
            return next(self._replies, None)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _error(self, status: int, message: str) -> None:
                self._json(status, {"error": {"message": message, "type": "invalid_request_error", "code": status}})

            def do_GET(self) -> None:
                server.paths.append(self.path)
                if self.path.rstrip("/") == "/v1/models":
                    self._json(200, {"object": "list", "data": [
                        {"id": server.model, "object": "model", "created": 0, "owned_by": "autobm-tests"}]})
                else:
                    self._error(404, f"no route GET {self.path}")

            def do_POST(self) -> None:
                server.paths.append(self.path)
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._error(404, f"no route POST {self.path}")
                    return
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    request = json.loads(self.rfile.read(length) or b"{}")
                except json.JSONDecodeError as exc:
                    self._error(400, f"body is not JSON: {exc}")
                    return
                text = server._next_reply(request)
                if text is None:
                    self._error(400, f"the test script has no reply left for request {len(server.requests)}")
                    return
                if isinstance(text, int):
                    self._error(text, f"scripted failure {text}")
                    return
                completion_id = f"chatcmpl-scripted-{next(server._ids)}"
                if request.get("stream"):
                    self._stream(request, completion_id, text)
                else:
                    self._json(200, {
                        "id": completion_id, "object": "chat.completion", "created": int(time.time()),
                        "model": request.get("model", server.model),
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                     "logprobs": None, "finish_reason": "stop"}],
                        "usage": _usage(request, text),
                    })

            def _stream(self, request: dict[str, Any], completion_id: str, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                head = {"id": completion_id, "object": "chat.completion.chunk", "created": int(time.time()),
                        "model": request.get("model", server.model)}

                def send(choices: list[dict[str, Any]], **extra: Any) -> None:
                    self.wfile.write(f"data: {json.dumps(head | {'choices': choices} | extra)}\n\n".encode())
                    self.wfile.flush()

                send([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
                for start in range(0, len(text), STREAM_PIECE_CHARS):
                    piece = text[start:start + STREAM_PIECE_CHARS]
                    send([{"index": 0, "delta": {"content": piece}, "finish_reason": None}])
                send([{"index": 0, "delta": {}, "finish_reason": "stop"}])
                if (request.get("stream_options") or {}).get("include_usage"):
                    send([], usage=_usage(request, text))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        return Handler


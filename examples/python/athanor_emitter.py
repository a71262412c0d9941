"""Report a Python experiment to an Athanor host, live: standard library only, one file to copy.

    from athanor_emitter import Run

    with Run.create("http://127.0.0.1:8787/", name="lr sweep 3e-4", config={"lr": 3e-4}) as run:
        for step in range(steps):
            loss = train_step()
            run.result("train/loss", loss)
            run.progress(step + 1, total=steps, unit="step")
            if run.cancel_requested:  # someone pressed Cancel in the portal
                break

`Run.create` opens an external run on the host (`POST /api/runs`, or
`POST /api/instances/<id>/runs`), sends the `run` event (unless the host wrote it) and
`running`; inside the block Python's `logging` records become `log` events and whatever the
process writes to `sys.stdout`/`sys.stderr` (tqdm bars included) becomes `output` events, still
written to the terminal too. Leaving the block sends `completed`, `failed` (with the
traceback), or `cancelled` (Ctrl-C, SIGTERM, or a cancel asked for from the host).

Events go out from a background thread in NDJSON batches (`POST /api/runs/<id>/events`) every
200 ms, or sooner at 500 events or 1 MiB. The experiment never waits for the network: the
buffer is bounded (10,000 events) and, while the host is down or slow, what does not fit is
dropped and counted, reported on stderr and, once the host answers again, in a `warn` log
event. Retrying a batch is safe: the host drops lines whose seq it has seen. `close()` waits
at most `close_timeout` seconds (5 by default) and gives up at once when the host refuses
connections, so a dead host never holds up the exit.

This single file is longer than the house's ~300 lines on purpose: it is copied, not installed.
"""

from __future__ import annotations

import atexit
import collections
import http.client
import json
import logging
import math
import os
import signal
import socket
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import weakref
from typing import Any, Callable

__all__ = ["Run", "RunCancelled", "LogHandler", "protocol_level", "collapse_redraws"]

PROTOCOL_VERSION = 1
LEVELS = ("trace", "debug", "info", "warn", "error", "fatal")
STATUSES = ("pending", "running", "completed", "failed", "cancelled")
FINAL_STATUSES = ("completed", "failed", "cancelled")

# The host refuses a request over 8 MiB; one event is kept well below that.
MAX_EVENT_BYTES = 8 * 1024 * 1024 - 64 * 1024
# A pending output chunk is compacted (covered redraws dropped) past this size, and sent when
# what is left is still over half of it; chunks are cut to pieces of at most OUTPUT_PIECE.
COMPACT_AT = 64 * 1024
OUTPUT_PIECE = 1024 * 1024
# Events that show in the same view as output (a log) close the pending output chunk, so the
# order of the terminal and the records is kept; results and progress do not.
_SEALS_OUTPUT = frozenset(("log", "status", "run"))


class RunCancelled(BaseException):
    """Raised by `Run.check_cancelled()` (host cancel) and by SIGTERM inside the run.

    A BaseException, like KeyboardInterrupt, so that `except Exception` does not swallow it.
    Leaving the `with` block with it records `cancelled`. The host's cancel is then swallowed
    (the script goes on after the block); after SIGTERM the process exits with status 143
    (128 + SIGTERM, as a shell reports it), running `finally` blocks and atexit handlers.
    """

    def __init__(self, message: str = "cancel requested by the host", kind: str = "Cancelled"):
        super().__init__(message)
        self.kind = kind


def protocol_level(levelno: int) -> str:
    """The protocol level of a `logging` level number (custom levels below DEBUG are trace)."""
    if levelno <= 0:
        return "debug"  # NOTSET
    if levelno < logging.DEBUG:
        return "trace"
    if levelno < logging.INFO:
        return "debug"
    if levelno < logging.WARNING:
        return "info"
    if levelno < logging.ERROR:
        return "warn"
    if levelno < logging.CRITICAL:
        return "error"
    return "fatal"


def _level(level: Any) -> str:
    if isinstance(level, int):
        return protocol_level(level)
    name = str(level).lower()
    name = {"warning": "warn", "critical": "fatal", "exception": "error"}.get(name, name)
    if name not in LEVELS:
        raise ValueError(f"unknown log level {level!r}: one of {', '.join(LEVELS)} or an int")
    return name


def _json_safe(value: Any, depth: int = 0) -> Any:
    """`value` as JSON can hold it: NaN and infinities as strings, numpy values as Python ones."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if depth > 64:
        return repr(value)
    if isinstance(value, dict):
        return {str(k): _json_safe(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_safe(v, depth + 1) for v in value]
    for convert in ("tolist", "item"):  # numpy arrays and scalars, torch tensors
        method = getattr(value, convert, None)
        if callable(method):
            try:
                return _json_safe(method(), depth + 1)
            except Exception:
                break
    return str(value)


def _units(text: str) -> int:
    """Columns as `<run-log>` counts them: UTF-16 code units."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _plain(text: str) -> bool:
    """No control character: nothing that could move the cursor elsewhere."""
    return all(c >= " " and c != "\x7f" for c in text)


def _collapse_line(line: str, at_col0: bool) -> str:
    pieces = line.split("\r")
    kept: list[str] = []
    cover = 0  # columns that pieces written later overwrite for sure
    for k in range(len(pieces) - 1, -1, -1):
        piece = pieces[k]
        starts_at_0 = k > 0 or at_col0
        plain = _plain(piece)
        if k < len(pieces) - 1 and starts_at_0 and plain and _units(piece) <= cover:
            continue  # drawn over entirely by what follows
        kept.append(piece)
        if not plain:
            cover = 0  # an escape may have moved the cursor: earlier pieces stay
        elif starts_at_0:
            cover = max(cover, _units(piece))
    kept.reverse()
    return "\r".join(kept)


def collapse_redraws(text: str, at_col0: bool = True) -> str:
    """Drops the `\\r`-redraws of a line that a later redraw of it in `text` covers entirely.

    A terminal (and `<run-log>`) shows the same thing for the result as for `text`: only a
    piece every column of which a later piece of the same line overwrites is dropped, the last
    piece of every line is kept, and a piece holding a control character (an escape may move
    the cursor) is kept along with everything before it. `at_col0` says whether `text` starts
    at the beginning of a line.
    """
    if "\r" not in text:
        return text
    lines = text.split("\n")
    return "\n".join(
        _collapse_line(line, at_col0 if i == 0 else True) if "\r" in line else line
        for i, line in enumerate(lines)
    )


def _type_name(exc_type: type) -> str:
    module = getattr(exc_type, "__module__", "builtins")
    name = getattr(exc_type, "__qualname__", exc_type.__name__)
    return name if module in ("builtins", "__main__") else f"{module}.{name}"


def _error(exc: BaseException) -> dict[str, str]:
    stack = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return {
        "message": str(exc) or _type_name(type(exc)),
        "type": _type_name(type(exc)),
        "stack": stack,
    }


class _Transient(Exception):
    """The request may succeed later: no connection, a timeout, a 5xx."""

    def __init__(self, message: str, refused: bool):
        super().__init__(message)
        self.refused = refused  # nobody answered at all (as opposed to a slow or failing host)


class _Answer:
    def __init__(self, status: int, body: Any):
        self.status = status
        self.body = body


def _request(url: str, body: bytes, content_type: str, timeout: float) -> _Answer:
    """POSTs `body`; 2xx and 4xx are answers, everything else raises `_Transient`."""
    req = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return _Answer(res.status, _parse(res.read()))
    except urllib.error.HTTPError as error:
        text = error.read()
        if error.code >= 500:
            raise _Transient(f"HTTP {error.code}", refused=False) from None
        return _Answer(error.code, _parse(text))
    except urllib.error.URLError as error:
        reason = error.reason
        timed_out = isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason)
        raise _Transient(f"{reason}", refused=not timed_out) from None
    except (TimeoutError, socket.timeout) as error:  # while reading the answer
        raise _Transient(f"timed out: {error}", refused=False) from None
    except (OSError, ValueError, http.client.HTTPException) as error:  # reset, cut short
        raise _Transient(f"{type(error).__name__}: {error}", refused=True) from None


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except ValueError:
        return None


class _Event:
    __slots__ = ("seq", "time", "type", "data", "size")

    def __init__(self, seq: int, time_ms: float, type_: str, data: str):
        self.seq, self.time, self.type, self.data = seq, time_ms, type_, data
        self.size = len(data) + 96

    def line(self, run: str) -> str:
        return (
            f'{{"v":{PROTOCOL_VERSION},"run":{run},"seq":{self.seq},"time":{self.time},'
            f'"type":"{self.type}","data":{self.data}}}'
        )


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _now_ms() -> float:
    return round(time.time() * 1000, 3)


class _Channel:
    """The bounded buffer, the pending output and progress, and the thread that sends them.

    One lock guards everything; the experiment's threads only ever hold it to append. Seqs are
    given when an event enters the buffer, so dropped events leave no gap in the numbering.
    Warnings are printed by the sender thread (or `finish`), never by the experiment's threads.
    """

    def __init__(self, create_url: str, options: dict[str, Any], say: Callable[[str], None]):
        self.create_url = create_url
        self.max_events: int = options["max_buffer"]
        self.max_bytes: int = options["max_buffer_bytes"]
        self.interval: float = options["batch_interval"]
        self.batch_events: int = options["batch_events"]
        self.batch_bytes: int = options["batch_bytes"]
        self.request_timeout: float = options["request_timeout"]
        self.heartbeat: float = options["heartbeat"]
        self.poll: float = options["poll"]
        self.warn_every: float = options["warn_every"]
        self.say = say
        self.lock = threading.RLock()
        self.wake = threading.Condition(self.lock)
        self.queue: collections.deque[_Event] = collections.deque()
        self.queued_bytes = 0
        self.seq = 0
        self.open_output: list[Any] | None = None  # [stream, time, parts, length]
        self.at_col0 = {"stdout": True, "stderr": True}
        self.open_progress: tuple[float, dict[str, Any]] | None = None
        self.run_id: str | None = None
        self.run_json = ""
        self.ingest = ""
        self.closing = False
        self.closed = threading.Event()  # set with closing: ends a backoff wait
        self.deadline = 0.0
        self.stopped: str | None = None  # why nothing more is sent ("" when the run ended)
        self.disabled = False  # in a forked child: the sender thread is not there
        self.cancel_requested = False
        self.on_cancel: Callable[[], Any] | None = None
        self.counts: dict[str, int] = collections.Counter()
        self.last_error: str | None = None
        self.last_rejection: str | None = None
        self.drops_reported = 0
        self.drops_warned = 0
        self.errors_since_report = False
        self.create_attempt = 0
        self.last_answer = time.monotonic()
        self.last_sent = time.monotonic()
        self.last_warning = -math.inf
        self.thread = threading.Thread(target=self._loop, name="athanor-emitter", daemon=True)

    # -- the experiment's side: append, never wait ------------------------------------------

    def emit(self, type_: str, data: dict[str, Any], keep: bool = False) -> None:
        """Appends an event (`keep`: past the buffer's bound, for the few lifecycle events)."""
        if self.disabled:
            return
        text = _dumps(data)
        time_ms = _now_ms()
        with self.lock:
            if type_ in _SEALS_OUTPUT:
                self._seal_output()
            if type_ == "status":
                self._seal_progress()
            self._push(time_ms, type_, text, keep)

    def write(self, stream: str, text: str) -> None:
        """Adds terminal output to the pending chunk of `stream` (one chunk pending at a time)."""
        if self.disabled or self.closing:
            return
        with self.lock:
            self.counts["output_writes"] += 1
            chunk = self.open_output
            if chunk is not None and chunk[0] != stream:
                self._seal_output()
                chunk = None
            if chunk is None:
                chunk = self.open_output = [stream, 0.0, [], 0]
            chunk[1] = _now_ms()  # the chunk shows its last state: it is dated by its last write
            chunk[2].append(text)
            chunk[3] += len(text)
            if chunk[3] > COMPACT_AT:
                joined = collapse_redraws("".join(chunk[2]), self.at_col0[stream])
                chunk[2], chunk[3] = [joined], len(joined)
                if chunk[3] > COMPACT_AT // 2:
                    self._seal_output()

    def progress(self, data: dict[str, Any]) -> None:
        """Keeps the latest progress; it is sent with the next batch (or when the label changes)."""
        if self.disabled or self.closing:
            return
        with self.lock:
            self.counts["progress_updates"] += 1
            pending = self.open_progress
            if pending is not None and pending[1].get("label") != data.get("label"):
                self._seal_progress()
            self.open_progress = (_now_ms(), data)

    def _push(self, time_ms: float, type_: str, text: str, keep: bool) -> None:
        if self.stopped is not None or (self.closing and not keep):
            self.counts["discarded"] += 1
            return
        event = _Event(self.seq, time_ms, type_, text)
        if event.size > MAX_EVENT_BYTES:
            self.counts["rejected"] += 1
            self.last_rejection = f"a {type_} event of {event.size:,} bytes: over the host's limit"
            return
        full = len(self.queue) >= self.max_events or self.queued_bytes + event.size > self.max_bytes
        if full and not keep:
            self.counts["dropped"] += 1
            return
        self.seq += 1
        self.queue.append(event)
        self.queued_bytes += event.size
        self.counts["events"] += 1
        if len(self.queue) >= self.batch_events or self.queued_bytes >= self.batch_bytes:
            self.wake.notify()

    def _seal_output(self) -> None:
        chunk, self.open_output = self.open_output, None
        if chunk is None:
            return
        stream, time_ms, parts, _ = chunk
        text = collapse_redraws("".join(parts), self.at_col0[stream])
        if text:
            self.at_col0[stream] = text.endswith(("\n", "\r"))
        for start in range(0, len(text), OUTPUT_PIECE):
            piece = text[start : start + OUTPUT_PIECE]
            self.counts["output_events"] += 1
            self._push(time_ms, "output", _dumps({"stream": stream, "data": piece}), False)

    def _seal_progress(self) -> None:
        pending, self.open_progress = self.open_progress, None
        if pending is not None:
            self.counts["progress_events"] += 1
            self._push(pending[0], "progress", _dumps(pending[1]), False)

    def _report_drops(self) -> None:
        """A `warn` log saying how many events were dropped since the last such report."""
        dropped = self.counts["dropped"] - self.drops_reported
        if dropped <= 0 or self.stopped is not None:
            return
        self.drops_reported += dropped
        cause = "unreachable" if self.errors_since_report else "slow"
        self.errors_since_report = False
        self._seal_output()
        message = f"{dropped:,} events dropped while the host was {cause}"
        meta = {"dropped": dropped, "buffer": self.max_events}
        data = {"level": "warn", "message": message, "logger": "athanor", "meta": meta}
        self._push(_now_ms(), "log", _dumps(data), True)

    # -- the end ---------------------------------------------------------------------------

    def finish(self, status: dict[str, Any], timeout: float) -> None:
        """Queues the final status and waits until it is sent, the host is gone, or `timeout`."""
        with self.lock:
            if self.closing:
                return
            self._seal_output()
            self._seal_progress()
            self._report_drops()
            self._push(_now_ms(), "status", _dumps(status), True)
            self.closing = True
            self.deadline = time.monotonic() + timeout
            self.closed.set()
            self.wake.notify_all()
        if self.thread.is_alive():
            self.thread.join(timeout + 0.25)
        with self.lock:
            if self.thread.is_alive() and self.stopped is None:
                self._stop(f"gave up after {timeout:g} s (close_timeout)")
        self._summary()

    def _summary(self) -> None:
        counts = self.counts
        trouble = [
            f"{counts['dropped']:,} dropped (buffer full)" if counts["dropped"] else "",
            f"{counts['discarded']:,} not sent" if counts["discarded"] else "",
            f"{counts['rejected']:,} rejected ({self.last_rejection})"
            if counts["rejected"]
            else "",
        ]
        trouble = [t for t in trouble if t]
        if trouble or self.stopped:
            run = self.run_id or "(never created)"
            why = f": {self.stopped}" if self.stopped else ""
            last = f"; last error: {self.last_error}" if self.last_error else ""
            self.say(f"run {run}: {', '.join(trouble) or 'stopped'}{why}{last}")

    def _stop(self, reason: str) -> None:
        """Sends nothing more: what is buffered is discarded (and counted)."""
        with self.lock:
            if self.stopped is not None:
                return
            self.stopped = reason
            self._seal_output()
            self._seal_progress()
            self.counts["discarded"] += len(self.queue)
            self.queue.clear()
            self.queued_bytes = 0
            self.wake.notify_all()

    # -- the sender thread -----------------------------------------------------------------

    def start(self) -> None:
        self.thread.start()

    def _loop(self) -> None:
        try:
            while self.stopped is None:
                if self.run_id is None:
                    self.create()
                    continue
                batch = self._take()
                if batch is None:
                    break
                if batch or time.monotonic() - self.last_answer >= self.poll:
                    self._send(batch)  # an empty POST asks whether a cancel is pending
                self._warn_drops()
        except Exception as error:  # a bug here must never take the experiment down
            self.say(f"the sender stopped: {error!r}")
            self._stop(f"internal error: {error!r}")

    def create(self, timeout: float | None = None) -> None:
        """One attempt at opening the external run on the host (backing off after a failure)."""
        body = b'{"external":true}'
        try:
            answer = _request(self.create_url, body, "application/json", timeout or self._timeout())
        except _Transient as error:
            if self._retry(error, self.create_attempt, waiting=timeout is None):
                self.create_attempt += 1
            return
        self.last_answer = time.monotonic()
        data = answer.body if isinstance(answer.body, dict) else {}
        if answer.status != 201 or not isinstance(data.get("id"), str):
            detail = data.get("error", f"HTTP {answer.status}")
            self._stop(f"the host refused to open the run: {detail}")
            return
        with self.lock:
            self.run_id = data["id"]
            self.run_json = json.dumps(self.run_id)
            self.ingest = urllib.parse.urljoin(self.create_url, data.get("ingest") or data["url"])

    def _take(self) -> list[_Event] | None:
        """Waits for a batch to be due; the events at the head of the buffer (left there until
        the host has them), [] when nothing is pending, None when closing with nothing left."""
        with self.wake:
            ready = len(self.queue) >= self.batch_events or self.queued_bytes >= self.batch_bytes
            if not self.closing and not ready:
                self.wake.wait(self.interval)
            self._seal_output()
            self._seal_progress()
            if not self.queue:
                if self.closing:
                    return None
                if time.monotonic() - self.last_sent >= self.heartbeat:
                    self._push(_now_ms(), "heartbeat", "{}", True)
            batch: list[_Event] = []
            size = 0
            for event in self.queue:
                if batch and (
                    len(batch) >= self.batch_events or size + event.size > self.batch_bytes
                ):
                    break
                batch.append(event)
                size += event.size
            return batch

    def _send(self, batch: list[_Event]) -> None:
        attempt = 0
        while self.stopped is None:
            lines = "".join(event.line(self.run_json) + "\n" for event in batch)
            # Lone surrogates (undecodable bytes) become \\udcxx escapes, valid inside JSON strings.
            body = lines.encode("utf-8", "backslashreplace")
            try:
                answer = _request(self.ingest, body, "application/x-ndjson", self._timeout())
            except _Transient as error:
                if not self._retry(error, attempt, waiting=True):
                    return
                attempt += 1
                continue
            self.last_answer = time.monotonic()
            self.counts["requests"] += 1
            if answer.status == 413 and len(batch) > 1:
                half = len(batch) // 2
                self._send(batch[:half])
                self._send(batch[half:])
                return
            self._answered(batch, answer, len(body))
            return

    def _answered(self, batch: list[_Event], answer: _Answer, size: int) -> None:
        body = answer.body if isinstance(answer.body, dict) else {}
        if answer.status == 409:
            return self._stop(f"the host takes no more events: {body.get('error', 'HTTP 409')}")
        if answer.status == 404:
            return self._stop(f"the host does not know the run: {body.get('error', 'HTTP 404')}")
        with self.lock:
            for _ in batch:
                self.queued_bytes -= self.queue.popleft().size
            if answer.status != 200:
                self.counts["rejected"] += len(batch)
                self.last_rejection = str(body.get("error", f"HTTP {answer.status}"))
                return
            if batch:
                self.counts["batches"] += 1
                self.counts["bytes_sent"] += size
                self.last_sent = time.monotonic()
            self.counts["sent"] += int(body.get("accepted", 0))
            self.counts["duplicates"] += int(body.get("duplicates", 0))
            rejected = body.get("rejected") or []
            if rejected:
                self.counts["rejected"] += len(rejected)
                first = rejected[0]
                self.last_rejection = f"line {first.get('line')}: {first.get('reason')}"
                self._warn(f"the host rejected {len(rejected)} events: {self.last_rejection}")
            if not self.closing:
                self._report_drops()
        if body.get("cancel") and not self.cancel_requested:
            self._cancelled()
        if body.get("live") is False:
            self._stop("" if self.closing else "the host ended the run")

    def _cancelled(self) -> None:
        self.cancel_requested = True
        self.say(f"run {self.run_id}: the host asks to cancel the run")
        callback = self.on_cancel
        if callback is not None:
            try:
                callback()
            except Exception as error:
                self.say(f"on_cancel raised {error!r}")

    def _retry(self, error: _Transient, attempt: int, waiting: bool) -> bool:
        """Counts a failed request; False when it is time to give up (closing, host gone)."""
        self.counts["send_errors"] += 1
        self.last_error = str(error)
        self.errors_since_report = True
        if self.closing and (error.refused or time.monotonic() >= self.deadline):
            host = urllib.parse.urljoin(self.create_url, "/")
            self._stop(f"the host at {host} did not answer at exit")
            return False
        with self.lock:
            buffered = len(self.queue)
        self._warn(f"cannot reach the host ({error}); retrying, {buffered:,} events buffered")
        if waiting:  # close() ends this wait: one last attempt, at once
            self.closed.wait(0.1 if self.closing else min(5.0, 0.25 * 2**attempt))
        return True

    def _timeout(self) -> float:
        if not self.closing:
            return self.request_timeout
        return max(0.05, min(self.request_timeout, self.deadline - time.monotonic()))

    def _warn_drops(self) -> None:
        dropped = self.counts["dropped"]
        if dropped > self.drops_warned and self._warn(
            f"buffer full ({self.max_events:,} events): {dropped:,} events dropped so far"
        ):
            self.drops_warned = dropped

    def _warn(self, message: str) -> bool:
        """Says `message` unless something was said less than `warn_every` seconds ago."""
        now = time.monotonic()
        if now - self.last_warning < self.warn_every:
            return False
        self.last_warning = now
        self.say(message)
        return True


class _Tee:
    """Stands in for sys.stdout/sys.stderr: writes through, and hands the text to the run."""

    def __init__(self, stream: Any, name: str, sink: Callable[[str, str], None]):
        self.stream = stream
        self.enabled = True
        self.mid_line = False  # a warning then starts on a line of its own
        self._name = name
        self._sink = sink

    def write(self, text: str) -> int:
        written = self.stream.write(text)
        if self.enabled and text and isinstance(text, str):
            self.mid_line = not text.endswith("\n")
            try:
                self._sink(self._name, text)
            except Exception:
                pass  # reporting must never break the experiment's own output
        return written

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding, buffer, …
        return getattr(self.stream, name)


# Attributes every LogRecord has: the others come from `extra` and become the event's meta.
_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "taskName",
}


class LogHandler(logging.Handler):
    """A `logging` handler that sends each record as a `log` event of `run`.

    Levels: custom levels below DEBUG → trace, NOTSET/DEBUG → debug, INFO → info, WARNING →
    warn, ERROR → error, CRITICAL → fatal. The logger's name is the event's `logger`, the
    record's `extra` fields (made JSON-safe) its `meta`, and an exception's traceback (and a
    `stack_info`) follow the message. `Run.create` attaches one to the root logger; records
    still have to pass the loggers' own levels (`logging.basicConfig(level=...)`).
    """

    def __init__(self, run: Run, level: int = logging.NOTSET):
        super().__init__(level)
        self._run = run
        self._formatter = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            meta = {k: v for k, v in vars(record).items() if k not in _RECORD_FIELDS}
            if record.exc_info and record.exc_info[0] is not None:
                message += "\n" + self._formatter.formatException(record.exc_info)
                meta.setdefault("exception", _type_name(record.exc_info[0]))
            if record.stack_info:
                message += "\n" + self._formatter.formatStack(record.stack_info)
            self._run._log(protocol_level(record.levelno), message, record.name, meta)
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)


_LIVE: weakref.WeakSet[Run] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    # A forked worker (multiprocessing, DataLoader) inherits the runs but not their sender
    # thread: it must neither buffer forever nor end its parent's run.
    for run in list(_LIVE):
        run._detach()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class Run:
    """One run on an Athanor host, fed from this process. Make it with `Run.create`.

    Safe to use from any thread. Nothing here waits for the network except `Run.create` (up to
    `connect_timeout`, once) and `close` (up to `close_timeout`).
    """

    def __init__(self, channel: _Channel, base_url: str, close_timeout: float, tees: list[Any]):
        self._channel = channel
        self._base = base_url
        self._close_timeout = close_timeout
        self._pid = os.getpid()
        self._closed = False
        self._tees: list[tuple[str, _Tee]] = tees  # shared with the warnings (see _say)
        self._handler: tuple[logging.Logger, LogHandler] | None = None
        self._sigterm: Any = None
        self._excepthook: Any = None
        self._uncaught: BaseException | None = None

    @classmethod
    def create(
        cls,
        base_url: str,
        name: str | None = None,
        *,
        instance: str | None = None,
        config: dict[str, Any] | None = None,
        tags: list[str] | None = None,
        experiment: str | None = None,
        capture_output: bool = True,
        capture_logging: bool = True,
        logger: str | None = None,
        log_level: int = logging.NOTSET,
        handle_sigterm: bool = True,
        on_cancel: Callable[[], Any] | None = None,
        max_buffer: int = 10_000,
        max_buffer_bytes: int = 64 * 1024 * 1024,
        batch_interval: float = 0.2,
        batch_events: int = 500,
        batch_bytes: int = 1024 * 1024,
        connect_timeout: float = 5.0,
        request_timeout: float = 10.0,
        close_timeout: float = 5.0,
        heartbeat: float = 30.0,
        poll: float = 2.0,
        warn_every: float = 10.0,
    ) -> Run:
        """Opens a run on the host at `base_url` (e.g. "http://127.0.0.1:8787/") and starts it.

        `instance`: the id of an instance held by the host; the host then writes the `run`
        event (its name; the configuration is the instance's), so `name`, `config` and `tags`
        must be left out. Otherwise this process sends the `run` event: `experiment` (its
        `instance` field, default: `name`, else the script's file name), `name`, `config` (a
        JSON object) and `tags`. Then `running` is sent.

        If the host cannot be reached within `connect_timeout` seconds, this warns on stderr and
        returns anyway: the run is opened in the background once the host answers, and events
        wait in the buffer meanwhile. A host that answers with an error (an unknown instance)
        raises ValueError.

        `capture_output` tees sys.stdout and sys.stderr into `output` events, `capture_logging`
        adds a `LogHandler` (level `log_level`) to the logger named `logger` (the root logger by
        default), `handle_sigterm` turns SIGTERM into `cancelled` (when SIGTERM has no handler
        yet and this is the main thread). `on_cancel` is called (from the sender thread) when
        the host asks to cancel. The rest tunes batching and the bounds; see the module text.
        """
        if instance is not None and (name is not None or config is not None or tags is not None):
            raise ValueError("a run of an instance takes its name and config from the instance")
        if config is not None and not isinstance(config, dict):
            raise ValueError("config must be a dict (a JSON object)")
        base = base_url.rstrip("/") + "/"
        path = (
            "api/runs"
            if instance is None
            else f"api/instances/{urllib.parse.quote(instance, safe='')}/runs"
        )
        stderr = sys.stderr
        tees: list[tuple[str, _Tee]] = []
        options = {
            "max_buffer": max_buffer,
            "max_buffer_bytes": max_buffer_bytes,
            "batch_interval": batch_interval,
            "batch_events": batch_events,
            "batch_bytes": batch_bytes,
            "request_timeout": request_timeout,
            "heartbeat": heartbeat,
            "poll": poll,
            "warn_every": warn_every,
        }
        channel = _Channel(base + path, options, lambda message: _say(stderr, message, tees))
        channel.on_cancel = on_cancel
        channel.create(timeout=connect_timeout)
        if channel.stopped is not None:
            raise ValueError(f"athanor: {base + path}: {channel.stopped}")
        if instance is None:
            data: dict[str, Any] = {"instance": experiment or name or _script_name()}
            if name is not None:
                data["name"] = name
            if config is not None:
                data["config"] = _json_safe(config)
            if tags is not None:
                data["tags"] = [str(tag) for tag in tags]
            channel.emit("run", data, keep=True)
        channel.emit("status", {"status": "running"}, keep=True)
        run = cls(channel, base, close_timeout, tees)
        run._hook(capture_output, capture_logging, logger, log_level, handle_sigterm)
        channel.start()
        return run

    # -- what the experiment reports ------------------------------------------------------

    def log(self, level: Any, message: str, logger: str | None = None, **meta: Any) -> None:
        """A `log` event: `level` a protocol level ("info", "warn"…; "warning" too) or a
        `logging` level number; keyword arguments become its `meta`."""
        self._log(_level(level), message, logger, meta)

    def _log(self, level: str, message: Any, logger: str | None, meta: dict[str, Any]) -> None:
        data: dict[str, Any] = {"level": level, "message": str(message)}
        if logger is not None:
            data["logger"] = str(logger)
        if meta:
            data["meta"] = _json_safe(meta)
        self._channel.emit("log", data)

    def result(self, key: str, value: Any) -> None:
        """A `result` event; a key that repeats forms a series. NaN and ±inf become strings."""
        if not isinstance(key, str) or not key:
            raise ValueError("a result key is a non-empty string")
        self._channel.emit("result", {"key": key, "value": _json_safe(value)})

    def progress(
        self,
        current: float,
        total: float | None = None,
        unit: str | None = None,
        label: str | None = None,
    ) -> None:
        """Progress; only the latest per batch is sent (a phase with another label is kept).
        A total that is not above zero is left out (indeterminate)."""
        current = _json_safe(current)
        if not isinstance(current, (int, float)) or isinstance(current, bool) or not current >= 0:
            raise ValueError(f"progress current must be a number >= 0, got {current!r}")
        data: dict[str, Any] = {"current": current}
        total = _json_safe(total)
        if isinstance(total, (int, float)) and not isinstance(total, bool) and total > 0:
            data["total"] = total
        if unit is not None:
            data["unit"] = str(unit)
        if label is not None:
            data["label"] = str(label)
        self._channel.progress(data)

    def status(self, status: str, error: Any = None) -> None:
        """A `status` event. A final one (completed, failed, cancelled) closes the run:
        `error` is then an exception, a message, or a dict {message, type?, stack?}."""
        if status in FINAL_STATUSES:
            return self.close(status, error)
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}: one of {', '.join(STATUSES)}")
        self._channel.emit("status", {"status": status}, keep=True)

    # -- cancelling --------------------------------------------------------------------------

    @property
    def cancel_requested(self) -> bool:
        """True once an answer of the host said that cancelling the run was requested."""
        return self._channel.cancel_requested

    def check_cancelled(self) -> None:
        """Raises RunCancelled when the host asked to cancel: leaving the `with` block with it
        records `cancelled`, and execution continues after the block."""
        if self._channel.cancel_requested:
            raise RunCancelled()

    # -- about the run ---------------------------------------------------------------------

    @property
    def id(self) -> str | None:
        """The host's run id; None while the host has not been reached."""
        return self._channel.run_id

    @property
    def url(self) -> str | None:
        """The run's page in the host's portal."""
        run_id = self._channel.run_id
        return None if run_id is None else f"{self._base}runs/{urllib.parse.quote(run_id, safe='')}"

    @property
    def closed(self) -> bool:
        return self._closed

    def stats(self) -> dict[str, Any]:
        """What happened to the events so far: emitted (`events`, `output_writes`,
        `progress_updates`), `sent` (accepted by the host), `duplicates`, `rejected`,
        `dropped` (buffer full), `discarded` (given up), `buffered`, `batches`, `requests`,
        `send_errors`, `bytes_sent`, `output_events`, `progress_events`, `last_error`."""
        channel = self._channel
        with channel.lock:
            stats: dict[str, Any] = {key: channel.counts[key] for key in _STAT_KEYS}
            stats["buffered"] = len(channel.queue)
        stats.update(
            run=channel.run_id,
            last_error=channel.last_error,
            cancel_requested=channel.cancel_requested,
        )
        return stats

    # -- the end ---------------------------------------------------------------------------

    def close(self, status: str = "completed", error: Any = None) -> None:
        """Stops capturing, sends the final `status` and waits for the host (at most
        `close_timeout` seconds; at once when it refuses connections). Safe to call twice."""
        if self._closed or os.getpid() != self._pid:
            return
        if status not in FINAL_STATUSES:
            raise ValueError(
                f"a run closes with one of {', '.join(FINAL_STATUSES)}, not {status!r}"
            )
        self._closed = True
        self._unhook()
        data: dict[str, Any] = {"status": status}
        if isinstance(error, BaseException):
            data["error"] = _error(error)
        elif isinstance(error, dict):
            data["error"] = _json_safe(error)
        elif error is not None:
            data["error"] = {"message": str(error)}
        self._channel.finish(data, self._close_timeout)

    def __enter__(self) -> Run:
        return self

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> bool:
        if exc is None:
            self.close(*self._ended_cleanly())
        elif isinstance(exc, RunCancelled):
            self.close("cancelled", {"message": str(exc), "type": exc.kind})
            if exc.kind == "SIGTERM":
                # What SIGTERM does without a handler, but with `finally` blocks and atexit run.
                raise SystemExit(128 + signal.SIGTERM)
            return True  # a cancel asked for from the host: the script goes on after the block
        elif isinstance(exc, KeyboardInterrupt):
            self.close(
                "cancelled", {"message": "interrupted (Ctrl-C)", "type": "KeyboardInterrupt"}
            )
        elif isinstance(exc, SystemExit) and exc.code in (None, 0):
            self.close(*self._ended_cleanly())
        elif isinstance(exc, SystemExit):
            self.close(
                "failed", {"message": f"exited with status {exc.code}", "type": "SystemExit"}
            )
        else:
            self.close("failed", exc)
        return False

    def _ended_cleanly(self) -> tuple[str, Any]:
        if self._channel.cancel_requested:
            return "cancelled", {"message": "cancel requested by the host", "type": "Cancelled"}
        return "completed", None

    # -- hooks into the process ------------------------------------------------------------

    def _hook(
        self, output: bool, logs: bool, logger: str | None, level: int, sigterm: bool
    ) -> None:
        if output:
            for name in ("stdout", "stderr"):
                stream = getattr(sys, name)
                if stream is not None:
                    tee = _Tee(stream, name, self._channel.write)
                    setattr(sys, name, tee)
                    self._tees.append((name, tee))
        if logs:
            target = logging.getLogger(logger)
            handler = LogHandler(self, level)
            target.addHandler(handler)
            self._handler = (target, handler)
        main = threading.current_thread() is threading.main_thread()
        if sigterm and main and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            self._sigterm = signal.signal(signal.SIGTERM, self._on_sigterm)
        self._excepthook = sys.excepthook
        sys.excepthook = self._on_uncaught
        atexit.register(self._at_exit)
        _LIVE.add(self)

    def _unhook(self) -> None:
        for name, tee in self._tees:
            tee.enabled = False
            if getattr(sys, name) is tee:
                setattr(sys, name, tee.stream)
        if self._handler is not None:
            self._handler[0].removeHandler(self._handler[1])
            self._handler = None
        if self._sigterm is not None:
            if signal.getsignal(signal.SIGTERM) == self._on_sigterm:
                signal.signal(signal.SIGTERM, self._sigterm)
            self._sigterm = None
        if self._excepthook is not None and sys.excepthook == self._on_uncaught:
            sys.excepthook = self._excepthook
        atexit.unregister(self._at_exit)
        _LIVE.discard(self)

    def _detach(self) -> None:
        self._channel.disabled = True
        for _, tee in self._tees:
            tee.enabled = False

    def _on_sigterm(self, signum: int, frame: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
        raise RunCancelled("terminated by SIGTERM", kind="SIGTERM")

    def _on_uncaught(self, exc_type: Any, exc: BaseException, tb: Any) -> None:
        self._uncaught = exc
        (self._excepthook or sys.__excepthook__)(exc_type, exc, tb)

    def _at_exit(self) -> None:
        """A run not used as a context manager ends when the interpreter does."""
        exc = self._uncaught
        if exc is None:
            self.close(*self._ended_cleanly())
        elif isinstance(exc, (KeyboardInterrupt, RunCancelled)):
            self.close(
                "cancelled", {"message": str(exc) or "interrupted", "type": _type_name(type(exc))}
            )
        else:
            self.close("failed", exc)


_STAT_KEYS = (
    "events",
    "sent",
    "duplicates",
    "rejected",
    "dropped",
    "discarded",
    "batches",
    "requests",
    "send_errors",
    "bytes_sent",
    "output_writes",
    "output_events",
    "progress_updates",
    "progress_events",
)


def _say(stream: Any, message: str, tees: list[tuple[str, _Tee]]) -> None:
    """Writes a warning to the process's own stderr (not captured), never raising."""
    if stream is None:
        return
    # On a line of its own, not glued to the end of a progress bar.
    newline = "\n" if any(name == "stderr" and tee.mid_line for name, tee in tees) else ""
    try:
        stream.write(f"{newline}athanor: {message}\n")
        stream.flush()
        for _, tee in tees:
            tee.mid_line = tee.mid_line and tee.stream is not stream
    except Exception:
        pass


def _script_name() -> str:
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return os.path.splitext(os.path.basename(path))[0] if path else "python"

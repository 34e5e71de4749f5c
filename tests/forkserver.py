"""A fork server for the SIGKILL trials: one process imports the app once, then forks a child per trial for the test to kill.

Starting a fresh Python for every trial costs about half a second of imports, which allows only a few
dozen trials per minute. A child forked from a process that has already imported everything starts in
milliseconds, so hundreds of trials fit in CI. Each child is still a process of its own: it opens its
own database connections, writes through the app's real code, and dies by SIGKILL like any other.

Run as `python -m tests.forkserver MODULE...` from the project root (the modules are imported first).
Protocol, one line per message:

  test -> server   {"call": "package.module:function", "args": [...], "out": "/path/of/a/fifo"}
  server -> test   PID <pid>        the child opens the FIFO as its stdout, then runs function(*args)
                   ERROR <text>     the function could not be found (nothing was forked)
  test -> server   WAIT <pid>
  server -> test   EXIT <pid> <rc>  the child has ended: its exit code, or minus the signal that ended it

The child's exit code is the function's return value (0 for None), 70 when it raised.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent


def _resolve(call: str) -> Callable[..., Any]:
    module, _, name = call.partition(":")
    function = getattr(importlib.import_module(module), name)
    if not callable(function):
        raise TypeError(f"{call} is not callable")
    return function  # type: ignore[no-any-return]


def _child(function: Callable[..., Any], args: list[Any], out: str) -> None:
    """In the forked child: stdout to the FIFO, stdin from /dev/null, run, exit without cleanup."""
    code = 70
    try:
        fd = os.open(out, os.O_WRONLY)  # blocks until the test opens the FIFO for reading
        os.dup2(fd, 1)
        os.close(fd)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), line_buffering=True)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        result = function(*args)
        code = result if isinstance(result, int) else 0
    except BaseException:  # report anything, then end like a crashed program
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve(preload: Sequence[str]) -> int:
    for module in preload:
        importlib.import_module(module)
    say = sys.stdout
    say.write("READY\n")
    say.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        if line.startswith("WAIT "):
            pid = int(line.split()[1])
            _, status = os.waitpid(pid, 0)
            rc = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            say.write(f"EXIT {pid} {rc}\n")
            say.flush()
            continue
        request = json.loads(line)
        try:
            function = _resolve(request["call"])
        except (ImportError, AttributeError, TypeError, ValueError) as err:
            say.write(f"ERROR {err!r}\n")
            say.flush()
            continue
        say.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(function, list(request.get("args") or []), request["out"])
        say.write(f"PID {pid}\n")
        say.flush()
    return 0


@dataclass
class Child:
    """A forked child: its pid and its stdout (text, line by line)."""

    pid: int
    stdout: IO[str]
    returncode: int | None = None

    def read_rest(self) -> str:
        """Everything the child wrote that has not been read yet (call after it ended)."""
        rest = self.stdout.read()
        self.stdout.close()
        return rest


class ForkServer:
    """The test's side: start the server, spawn children, kill them, learn how they ended."""

    def __init__(self, preload: Sequence[str] = (), *, env: dict[str, str] | None = None) -> None:
        self._folder = tempfile.mkdtemp(prefix="forkserver-")
        self._count = 0
        self._errors = open(os.path.join(self._folder, "stderr"), "w+", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.forkserver", *preload], cwd=ROOT, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self._errors, text=True, env=env if env is not None else dict(os.environ),
        )
        first = self._line()
        if first != "READY":
            raise RuntimeError(f"the fork server did not start: {first!r} {self._stderr()}")

    def _line(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def _send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def _stderr(self) -> str:
        """What the server and its children wrote to stderr so far (tracebacks of failed children)."""
        self._errors.flush()
        with open(self._errors.name, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def spawn(self, call: str, *args: Any) -> Child:
        """Fork a child running call(*args); returns once its stdout is connected."""
        self._count += 1
        fifo = os.path.join(self._folder, f"out-{self._count}")
        os.mkfifo(fifo)
        self._send(json.dumps({"call": call, "args": list(args), "out": fifo}))
        answer = self._line()
        if not answer.startswith("PID "):
            os.unlink(fifo)
            raise RuntimeError(f"the fork server could not start {call}: {answer!r} {self._stderr()}")
        pid = int(answer.split()[1])
        stdout = open(fifo, encoding="utf-8")  # noqa: SIM115 - closed by Child.read_rest
        os.unlink(fifo)
        return Child(pid, stdout)

    def errors(self) -> str:
        """The server's and its children's stderr so far."""
        return self._stderr()

    def wait(self, child: Child) -> int:
        """Wait for the child to end; its return code (negative: the signal that ended it)."""
        self._send(f"WAIT {child.pid}")
        answer = self._line().split()
        if answer[:2] != ["EXIT", str(child.pid)]:
            raise RuntimeError(f"unexpected answer from the fork server: {answer!r} {self._stderr()}")
        child.returncode = int(answer[2])
        return child.returncode

    def kill(self, child: Child) -> int:
        """SIGKILL the child (if it still runs) and wait for it."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGKILL)
        return self.wait(child)

    def close(self) -> None:
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._errors.close()
        with contextlib.suppress(OSError):
            os.unlink(self._errors.name)
            os.rmdir(self._folder)

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))

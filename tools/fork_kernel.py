r"""Notebook kernels for the test suite, forked from a process that has already imported the libraries.

Every notebook runs in a fresh Jupyter kernel. Starting one costs about 1.3 s of CPU before its first cell does any
work: a new Python process imports ipykernel, numpy, scipy, scikit-learn, pandas and matplotlib again. With thirty
notebooks that is most of the suite's budget. On Linux the suite therefore starts, per pytest worker, one *server*
process that imports those libraries once and then waits; each kernel is a child forked from it. The child is a new
process with a fresh interpreter state above the imported modules: an empty user namespace, its own working
directory (the notebook's folder), environment, standard streams and random seeds. The notebooks run as they would
in a kernel started by Jupyter; only the import of modules already in ``sys.modules`` is skipped (and the warning
filters those imports installed are in place from the start). Because a notebook could lean on a submodule that only
the server imported, CI also runs the suite once with ordinary kernels, and the stored outputs are always generated
with ordinary kernels (tools/execute_notebooks.py).

Jupyter starts a kernel by running a command and then manages that process (it interrupts it with SIGINT and kills
it with SIGKILL). The command is this file run as a script, the *launcher*: it asks the server for a kernel, passes
its own standard streams, forwards the signals it receives to the kernel and exits when the kernel exits; the server
kills the process group of a kernel whose launcher died (SIGKILL cannot be forwarded). When the server cannot be
reached the launcher becomes an ordinary kernel (``python -m ipykernel_launcher``), so a failure here costs time,
never a result.

Used by the root ``conftest.py``; never by readers, whose Jupyter starts its kernels the usual way.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import struct
import sys
import time

# What the server imports before it forks: what a notebook kernel of this course imports, minus everything that
# configures itself when it sees a running IPython (matplotlib's inline backend must be chosen inside the kernel).
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "IPython",
    "numpy",
    "pandas",
    "scipy.linalg",
    "scipy.optimize",
    "scipy.special",
    "scipy.stats",
    "matplotlib",
    "matplotlib.pyplot",
    "seaborn",
    "sklearn.datasets",
    "sklearn.decomposition",
    "sklearn.linear_model",
    "sklearn.metrics",
    "sklearn.model_selection",
    "linear_algebra.python_implementations",
    "calculus.python_implementations",
    "probability_statistics.python_implementations",
    "advanced_topics.python_implementations",
)
INLINE = "module://matplotlib_inline.backend_inline"


def _send(sock: socket.socket, payload: dict, fds: list[int] | None = None) -> None:
    data = json.dumps(payload).encode()
    header = struct.pack("!I", len(data))
    if fds:
        socket.send_fds(sock, [header + data], fds)
    else:
        sock.sendall(header + data)


def _receive(sock: socket.socket, nfds: int = 0) -> tuple[dict, list[int]]:
    chunks, fds = b"", []
    while len(chunks) < 4 or len(chunks) < 4 + struct.unpack("!I", chunks[:4])[0]:
        if nfds and not fds:
            data, fds, _flags, _addr = socket.recv_fds(sock, 1 << 16, nfds)
        else:
            data = sock.recv(1 << 16)
        if not data:
            raise ConnectionError("the other side closed the connection")
        chunks += data
    return json.loads(chunks[4 : 4 + struct.unpack("!I", chunks[:4])[0]]), fds


# --------------------------------------------------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------------------------------------------------
def serve(fd: int, preload: bool = True) -> None:
    """Import the libraries, then fork one kernel per request on the listening Unix socket ``fd``.

    The caller created, bound and opened the socket before starting this process, so a launcher can connect at any
    time: it waits in the socket's queue until the imports are done. ``preload=False`` skips the imports (the
    tests of the server's process handling need no libraries).
    """
    parent = os.getppid()
    listener = socket.socket(fileno=fd)
    # A Jupyter kernel sets this before matplotlib is imported; matplotlib reads it when it is imported.
    os.environ.setdefault("MPLBACKEND", INLINE)
    import builtins
    import importlib

    # pandas chooses some defaults when it is imported, from what it runs in: display.max_columns is 20 in a Jupyter
    # kernel (it looks for get_ipython().kernel) and 0 in a terminal; display.encoding is the encoding of
    # sys.stdout, "UTF-8" for a kernel's output stream. It is imported here, before any kernel exists, so it is shown
    # what it will run in. (tests/test_fork_kernel.py compares every pandas option with an ordinary kernel's.)
    builtins.get_ipython, stdout = _KernelShellForImports, sys.stdout
    sys.stdout = _KernelStdoutForImports()
    try:
        if preload:
            importlib.import_module("pandas")
    except Exception as error:
        print(f"fork_kernel: preloading pandas failed: {error!r}", file=sys.stderr)
    finally:
        del builtins.get_ipython
        sys.stdout = stdout
    for name in PRELOAD if preload else ():
        try:
            importlib.import_module(name)
        except Exception as error:  # a missing library: its notebooks import it themselves
            print(f"fork_kernel: preloading {name} failed: {error!r}", file=sys.stderr)
    # The server's end of each running kernel's connection, and the kernel's pid. A launcher sends nothing after its
    # request, so that end becomes readable only when the launcher is gone: then the server kills the kernel's
    # process group, as Jupyter does with an ordinary kernel (SIGKILL to its group). The kernel cannot always do that
    # itself: a cell inside a long C call holds the GIL, which the kernel's watch thread needs.
    kernels: dict[socket.socket, int] = {}
    # Stopped by SIGTERM (Server.stop) or by the end of its pytest worker: the kernels still running go with it,
    # including one stuck in a C call that holds the GIL (it could not notice by itself).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        while os.getppid() == parent:  # exit with the pytest worker that started us
            _reap(kernels)
            ready, _, _ = select.select([listener, *kernels], [], [], 0.1)
            for conn in ready:
                if conn is not listener:
                    _end_kernel(kernels.pop(conn))
                    conn.close()
            if listener not in ready:
                continue
            conn, _ = listener.accept()
            conn.settimeout(None)
            try:
                request, fds = _receive(conn, nfds=3)
            except (ConnectionError, OSError, ValueError):
                conn.close()
                continue
            pid = os.fork()
            if pid == 0:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                listener.close()
                for other in kernels:
                    other.close()
                _become_kernel(conn, request, fds)  # never returns
            kernels[conn] = pid
            for fd in fds:
                os.close(fd)
    finally:
        for pid in kernels.values():
            try:
                os.killpg(pid, signal.SIGKILL)  # each kernel called setsid(): its group's id is its pid
            except OSError:
                pass


class _KernelShellForImports:
    """What pandas sees of a Jupyter kernel while the server imports it: an IPython shell with a kernel."""

    kernel = True


class _KernelStdoutForImports:
    """What pandas sees of a kernel's sys.stdout while the server imports it (ipykernel's OutStream says UTF-8)."""

    encoding = "UTF-8"

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def _reap(kernels: dict[socket.socket, int]) -> None:
    """Collect the kernels that have exited (their CPU time then counts in this process's children's time).

    The server's end of an exited kernel's connection is closed: its launcher then sees the connection end, also
    when the kernel crashed without a word.
    """
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        for conn, kernel in list(kernels.items()):
            if kernel == pid:
                del kernels[conn]
                conn.close()


def _end_kernel(pid: int) -> None:
    """The launcher of kernel ``pid`` is gone: kill the kernel's process group unless the kernel is exiting anyway.

    A launcher also ends normally, right after its kernel reported its exit; that kernel gets a moment to finish
    before anything is killed (Jupyter leaves the processes of a kernel that shut down by itself alone).
    """
    for _ in range(20):
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:
            return
        time.sleep(0.01)
    try:
        os.killpg(pid, signal.SIGKILL)  # the kernel called setsid(): its group's id is its pid
    except OSError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _become_kernel(conn: socket.socket, request: dict, fds: list[int]) -> None:
    """In the forked child: take the launcher's streams, environment and folder, then run an IPython kernel."""
    code = 1
    try:
        os.setsid()  # the kernel's own process group, as Jupyter gives a kernel it launches
        for target, fd in zip((0, 1, 2), fds, strict=True):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        # What `python -m ipykernel_launcher` started in that folder has: the folder first on sys.path (the
        # launcher module of the installed ipykernel then decides, as it does for Jupyter, whether to keep it).
        sys.path[0] = request["cwd"]
        if "JPY_PARENT_PID" in os.environ and "ipykernel.kernelapp" in sys.modules:
            # ipykernel read JPY_PARENT_PID when the server imported it, before any launcher existed. A kernel polls
            # its parent and exits when it dies; this kernel's parent is the server. (Handed to the application, not
            # put on the command line, so that the notebook sees the sys.argv an ordinary kernel has.)
            kernelapp, parent_handle = sys.modules["ipykernel.kernelapp"], os.getppid()
            launch = kernelapp.IPKernelApp.launch_instance
            kernelapp.launch_new_instance = lambda *args, **kwargs: launch(*args, parent_handle=parent_handle, **kwargs)
        sys.argv = [sys.argv[0], *request["argv"]]  # run_module below puts the launcher's path in sys.argv[0]
        # Fresh seeds: a forked child would otherwise repeat its siblings' unseeded numpy random numbers. (Python's
        # random module reseeds itself in a forked child.)
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        _send(conn, {"pid": os.getpid()})
        _watch_launcher(conn)
        import runpy

        try:
            runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        import atexit

        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        try:
            _send(conn, {"exit": code})
        except OSError:
            pass
        os._exit(code)


def _watch_launcher(conn: socket.socket) -> None:
    """End this kernel when its launcher dies: Jupyter kills the launcher with SIGKILL, which it cannot forward."""
    import threading

    def watch():
        try:
            while conn.recv(1):
                pass
        except OSError:
            pass
        os.killpg(0, signal.SIGKILL)  # as Jupyter kills a kernel: its whole process group

    threading.Thread(target=watch, name="fork_kernel-launcher-watch", daemon=True).start()


class Server:
    """A kernel server for this process: started on first use (:meth:`kernel_argv`), stopped by :meth:`stop`."""

    def __init__(self, preload: bool = True) -> None:
        self.preload = preload
        self.path: str | None = None
        self.process = None
        self._folder: str | None = None

    def start(self) -> str:
        """Start the server (once); return the path of its socket."""
        if self.path is None:
            import subprocess
            import tempfile

            self._folder = tempfile.mkdtemp(prefix="mfml-kernels-")
            path = os.path.join(self._folder, "server.sock")
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(path)
            listener.listen(64)
            self.process = subprocess.Popen(
                [sys.executable, os.path.abspath(__file__), "--serve", str(listener.fileno())]
                + ([] if self.preload else ["--no-preload"]),
                cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                pass_fds=[listener.fileno()],
                start_new_session=True,
            )
            listener.close()  # the server holds it now
            self.path = path
        return self.path

    def kernel_argv(self, kernel_args: list[str]) -> list[str]:
        """The command that starts a forked kernel with ipykernel's arguments ``kernel_args``."""
        return [sys.executable, os.path.abspath(__file__), "--socket", self.start(), *kernel_args]

    def stop(self) -> None:
        if self.process is not None:
            import shutil
            import subprocess

            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self._folder, ignore_errors=True)
        self.path = self.process = self._folder = None


# The server of this process (a pytest worker): the root conftest.py points nbval's kernels at it and stops it at the
# end of the session; tests/test_fork_kernel.py starts its kernels from it too.
SERVER = Server()


# --------------------------------------------------------------------------------------------------------------------
# Launcher (the kernel command Jupyter runs)
# --------------------------------------------------------------------------------------------------------------------
def launch(path: str, argv: list[str]) -> int:
    """Ask the server at ``path`` for a kernel with arguments ``argv``; return its exit code."""
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        _send(sock, {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}, fds=[0, 1, 2])
        reply, _ = _receive(sock)
    except (OSError, ConnectionError, ValueError):
        # No server: be an ordinary kernel.
        os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])
    child = reply["pid"]

    def forward(signum, _frame):
        try:
            os.kill(child, signum)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, forward)
    try:
        reply, _ = _receive(sock)
        return int(reply.get("exit", 1))
    except (OSError, ConnectionError, ValueError):
        return 1  # the kernel died without a word (killed)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]), preload="--no-preload" not in sys.argv[3:])
    elif len(sys.argv) >= 3 and sys.argv[1] == "--socket":
        sys.exit(launch(sys.argv[2], sys.argv[3:]))
    else:
        sys.exit("usage: fork_kernel.py --serve FD [--no-preload] | --socket SOCKET KERNEL-ARGS...")

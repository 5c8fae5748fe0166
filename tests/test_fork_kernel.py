"""The suite's forked notebook kernels (tools/fork_kernel.py) behave like kernels that Jupyter starts.

Every notebook of the suite runs in one of them on Linux, so a broken server shows up as failing notebooks; these
tests pin the properties that the notebooks' stored outputs would not reveal: the folder, a fresh namespace, fresh
random seeds, interrupts, and that nothing outlives a killed kernel.
"""

import json
import os
import signal
import sys
import time

import pytest

from tools import fork_kernel

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the suite forks kernels on Linux only"
)


@pytest.fixture(scope="module")
def server():
    # The worker's own server, the one its notebooks use (started here if no notebook ran yet; stopped at the end of
    # the session by the root conftest.py).
    return fork_kernel.SERVER


def _start(argv, cwd):
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    class Specs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(argv=argv, display_name="forked", language="python")

    km = KernelManager(kernel_name="forked", kernel_spec_manager=Specs())
    km.start_kernel(cwd=str(cwd))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc


def _run(kc, code, timeout=60):
    """Execute ``code``; return (status, printed text, output types)."""
    printed, kinds = [], []

    def hook(msg):
        kinds.append(msg["msg_type"])
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            printed.append(msg["content"]["ename"])

    reply = kc.execute_interactive(code, timeout=timeout, output_hook=hook)
    return reply["content"]["status"], "".join(printed), kinds


# What a notebook can see of its kernel's state: its folder and import path, matplotlib's backend and settings,
# numpy's and pandas' display options (pandas picks some when it is imported), the names defined, sys.argv, and
# that the kernel polls its parent (Jupyter's JPY_PARENT_PID; ipykernel 6.25, the lowest version allowed, keeps no
# parent_pid and only watches for a parent that became init).
FINGERPRINT = """\
import json, os, sys
import matplotlib, numpy, pandas
from ipykernel.kernelapp import IPKernelApp
print(json.dumps({"cwd": os.getcwd(), "path": sys.path, "backend": matplotlib.get_backend(),
                  "rcParams": {k: str(v) for k, v in matplotlib.rcParams.items()},
                  "numpy": str(numpy.get_printoptions()), "pandas": pandas.describe_option(_print_desc=False),
                  "names": sorted(k for k in globals() if not k.startswith("_")),
                  "argv": [arg for arg in sys.argv if not arg.endswith(".json")],
                  "exits with its parent": getattr(IPKernelApp.instance(), "poller", None) is not None
                  and getattr(IPKernelApp.instance().poller, "parent_pid", os.getppid()) == os.getppid()}))
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("notebook")


@pytest.fixture(scope="module")
def ordinary(folder):
    """The fingerprint of an ordinary kernel: the launcher, when no server answers, runs ipykernel_launcher."""
    missing = str(folder / "no-server.sock")
    km, kc = _start([sys.executable, fork_kernel.__file__, "--socket", missing, "-f", "{connection_file}"], folder)
    try:
        status, printed, _ = _run(kc, "import sys\nprint(sys.argv[0])\n" + FINGERPRINT)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert status == "ok", printed
    argv0, fingerprint = printed.split("\n", 1)
    assert argv0.endswith("ipykernel_launcher.py")  # the fallback really ran an ordinary kernel
    return json.loads(fingerprint)


def test_a_forked_kernel_looks_like_an_ordinary_kernel(server, folder, ordinary):
    km, kc = _start(server.kernel_argv(["-f", "{connection_file}"]), folder)
    try:
        status, printed, _ = _run(kc, "import os\nprint(os.getpid())\n" + FINGERPRINT)
        assert status == "ok", printed
        pid, fingerprint = printed.split("\n", 1)
        forked = json.loads(fingerprint)
        assert forked["cwd"] == str(folder)
        # Same folder and path, same settings, and the same names after the same cell: a fresh namespace (the
        # server's imports are in sys.modules, not among the notebook's names).
        for key in ordinary:
            assert forked[key] == ordinary[key], key
        status, printed, kinds = _run(kc, "import matplotlib.pyplot as plt\nplt.plot([0, 1])\nplt.show()")
        assert status == "ok" and "display_data" in kinds, (printed, kinds)  # figures are displayed inline
        # An interrupt (what nbval sends when a cell exceeds its time) reaches the kernel through the launcher.
        kc.execute("import time\nprint('sleeping', flush=True)\ntime.sleep(60)")
        while True:  # interrupt once the cell runs
            msg = kc.get_iopub_msg(timeout=30)
            if msg["msg_type"] == "stream" and "sleeping" in msg["content"]["text"]:
                break
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=30)
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
        # After an error ipykernel aborts the requests already queued until its event loop runs once more (ipykernel
        # 6.25 schedules that with call_later(0)): give it that moment before the next request.
        time.sleep(0.3)
        # Jupyter kills a kernel by sending SIGKILL to its process group: the kernel dies at once, even inside a C
        # call that holds the GIL, and so does a child it started in its group.
        status, child, _ = _run(kc, "import subprocess\nchild = subprocess.Popen(['sleep', '30'])\nprint(child.pid)")
        assert status == "ok", child
        # The sleep lets the output thread send the line (ipykernel 6.25 sends it from a thread that needs the GIL);
        # then sum() holds the GIL for minutes.
        kc.execute("import time\nprint('spinning', flush=True)\ntime.sleep(0.5)\nsum(range(10**12))")
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["msg_type"] == "stream" and "spinning" in msg["content"]["text"]:
                break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)  # SIGKILL to the launcher, which cannot forward it
    # The kernel and its group end with their launcher.
    survivors = [int(p) for p in (pid, child) if not _ends_within(int(p), seconds=3)]
    for survivor in survivors:
        os.kill(survivor, signal.SIGKILL)
    assert not survivors, f"{survivors} (kernel {pid}, its child {child}) outlived the killed launcher"


def test_stopping_the_server_ends_a_kernel_stuck_in_a_c_call(folder):
    # A kernel inside a long C call holds the GIL, so it cannot notice that its server or launcher went away; the
    # server kills the kernels it still has when it is stopped (at the end of a pytest run, or on Ctrl-C).
    server = fork_kernel.Server(preload=False)  # its own server, to stop; the libraries are not needed here
    km, kc = _start(server.kernel_argv(["-f", "{connection_file}"]), folder)
    try:
        status, pid, _ = _run(kc, "import os\nprint(os.getpid())")
        assert status == "ok", pid
        pid = pid.strip()
        kc.execute("import time\nprint('spinning', flush=True)\ntime.sleep(0.5)\nsum(range(10**12))")
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["msg_type"] == "stream" and "spinning" in msg["content"]["text"]:
                break
        server.stop()
        ended = _ends_within(int(pid), seconds=3)
        if not ended:
            os.killpg(int(pid), signal.SIGKILL)
        assert ended, f"the kernel {pid} outlived its stopped server"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        server.stop()


def _ends_within(pid, seconds):
    """True when the process ``pid`` exits (or is a zombie) within ``seconds``."""
    for _ in range(int(seconds / 0.05)):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().split(")")[-1].split()[0] == "Z":
                    return True  # exited; waiting to be reaped
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


def test_sibling_kernels_draw_different_unseeded_random_numbers(server, folder):
    draws = []
    for _ in range(2):
        km, kc = _start(server.kernel_argv(["-f", "{connection_file}"]), folder)
        try:
            status, printed, _ = _run(kc, "import random, numpy\nprint(random.random(), numpy.random.rand())")
            assert status == "ok", printed
            draws.append(printed.split())
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    (python_1, numpy_1), (python_2, numpy_2) = draws
    assert python_1 != python_2, "the random module repeats the sibling's numbers"
    assert numpy_1 != numpy_2, "numpy.random repeats the sibling's numbers"

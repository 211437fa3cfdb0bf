"""Kernel latencies measured through jupyter_client (not the kernel's own timers):
kernel start to the first kernel_info_reply, a trivial cell's execute round trip
(p50/p90), and the first cell that uses a rimported plugin.

Usage (after scripts/test.sh or the README's plugin/kernel install steps):
    JUPYTER_PATH=target/jupyter/share/jupyter KAYTON_PLUGIN_PATH=target/plugins python3 scripts/jupyter_bench.py
"""
import os
import statistics
import time

import jupyter_client


def wait_idle(kc, msg_id):
    reply = kc.get_shell_msg(timeout=120)
    while True:
        m = kc.get_iopub_msg(timeout=120)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" \
                and m["content"]["execution_state"] == "idle":
            return reply


def roundtrip(kc, code):
    t = time.perf_counter()
    reply = wait_idle(kc, kc.execute(code))
    assert reply["content"]["status"] == "ok", reply["content"]
    return (time.perf_counter() - t) * 1000


def main():
    km = jupyter_client.KernelManager(kernel_name="keyton")
    t = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.kernel_info()
    kc.get_shell_msg(timeout=120)
    start = (time.perf_counter() - t) * 1000
    kc.wait_for_ready(timeout=60)
    for _ in range(2):
        roundtrip(kc, "1 + 1")
    trivial = sorted(roundtrip(kc, "1 + 1") for _ in range(25))
    print(f"kernel start to first kernel_info_reply: {start:.0f} ms")
    print(f"trivial cell execute round trip: p50 {statistics.median(trivial):.1f} ms, "
          f"p90 {trivial[int(len(trivial) * 0.9)]:.1f} ms (n={len(trivial)})")
    if os.environ.get("KAYTON_PLUGIN_PATH"):
        rimport = roundtrip(kc, "from geometry rimport Point")
        first = roundtrip(kc, "Point.new(3.0, 4.0).norm()")
        print(f"rimport of an installed plugin: {rimport:.1f} ms; first cell that calls it: {first:.1f} ms")
    # Crates from the active environment (installed on first use if they are not yet;
    # run once before measuring to time the installed case).
    for crate, imp, call in [
        ("semver", "from semver rimport Version", 'Version.parse("1.2.3").major'),
        ("reqwest", "from reqwest.blocking rimport Client", "c = Client.new()"),
    ]:
        rimport = roundtrip(kc, imp)
        first = roundtrip(kc, call)
        print(f"rimport {crate} (installed): {rimport:.1f} ms; first cell that calls it: {first:.1f} ms")
    kc.stop_channels()
    km.shutdown_kernel()


if __name__ == "__main__":
    main()

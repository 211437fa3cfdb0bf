"""keyton.lock: a notebook's kernel records each crate it rimports (exact version,
features, crates.io checksum) beside the notebook, and a later kernel there installs
the locked version, saying so in the cell's output. Uses a fresh environment, so the
locked version is really installed."""
import json
import os
import pathlib
import re
import shutil
import tempfile
import uuid

import jupyter_client

from test_protocol import execute


def kernel_in(cwd, env_name):
    km = jupyter_client.KernelManager(kernel_name="keyton")
    km.start_kernel(cwd=str(cwd), env=dict(os.environ, KAYTON_ENV=env_name))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def test_a_kernel_installs_what_the_lock_says_and_records_what_it_rimports():
    cwd = pathlib.Path(tempfile.mkdtemp(prefix="keyton-lock-"))
    lock = cwd / "keyton.lock"
    lock.write_text(json.dumps({"version": 1, "crates": {"heck": {"version": "0.4.1", "features": []}}}))
    env_name = f"lock-{uuid.uuid4().hex[:8]}"
    km, kc = kernel_in(cwd, env_name)
    try:
        reply, out = execute(kc, 'from heck rimport ToSnakeCase\n"HelloKeyton".to_snake_case()',
                             timeout=600)
        assert reply["status"] == "ok", reply
        shown = [c["data"]["text/plain"] for t, c in out
                 if t in ("display_data", "update_display_data")]
        assert any("heck 0.4.1 (features: default) as keyton.lock says" in s for s in shown), out
        assert [c["data"]["text/plain"] for t, c in out if t == "execute_result"] == ["hello_keyton"]
        locked = json.loads(lock.read_text())["crates"]["heck"]
        assert locked["version"] == "0.4.1" and locked["features"] == []
        assert re.fullmatch(r"[0-9a-f]{64}", locked["checksum"]), locked
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        if os.environ.get("KAYTON_HOME"):
            shutil.rmtree(pathlib.Path(os.environ["KAYTON_HOME"]) / "envs" / env_name,
                          ignore_errors=True)
        shutil.rmtree(cwd, ignore_errors=True)

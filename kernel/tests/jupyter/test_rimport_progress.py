"""A cell whose rimport installs a crate streams the install's progress to that cell's
output (stderr), then runs. Uses a fresh environment so the install really happens."""
import os
import pathlib
import shutil
import uuid

import jupyter_client

from test_protocol import execute


def test_auto_install_progress_streams_to_the_cell():
    name = f"progress-{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, KAYTON_ENV=name)
    km = jupyter_client.KernelManager(kernel_name="keyton")
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        code = 'from heck rimport ToSnakeCase\n"HelloKeyton".to_snake_case()'
        reply, out = execute(kc, code, timeout=600)
        assert reply["status"] == "ok", reply
        stderr = "".join(c["text"] for t, c in out if t == "stream" and c["name"] == "stderr")
        assert "rimport: building heck" in stderr, out
        assert "rimport: bound" in stderr, out
        results = [c["data"]["text/plain"] for t, c in out if t == "execute_result"]
        assert results == ["hello_keyton"]
        # The progress came before the result, while the cell was running.
        kinds = [t for t, _ in out]
        assert kinds.index("stream") < kinds.index("execute_result")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        if os.environ.get("KAYTON_HOME"):
            shutil.rmtree(pathlib.Path(os.environ["KAYTON_HOME"]) / "envs" / name, ignore_errors=True)

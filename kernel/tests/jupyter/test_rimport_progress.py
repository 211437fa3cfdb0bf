"""A cell whose rimport installs a crate shows the install's progress in that cell's
output, as one display updated in place (phase, crate, elapsed time), then runs. Uses a
fresh environment so the install really happens."""
import os
import pathlib
import shutil
import uuid

import jupyter_client

from test_protocol import execute


def test_auto_install_progress_is_one_live_line_in_the_cell():
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
        shown = [(t, c) for t, c in out if t in ("display_data", "update_display_data")]
        assert shown and shown[0][0] == "display_data", out
        ids = {c["transient"]["display_id"] for _, c in shown}
        assert len(ids) == 1, ids
        assert all(t == "update_display_data" for t, _ in shown[1:]), shown
        lines = [c["data"]["text/plain"] for _, c in shown]
        assert any("rimport: building heck" in l for l in lines), lines
        assert "rimport: bound" in lines[-1] and lines[-1].endswith(" s)"), lines
        assert not [c for t, c in out if t == "stream" and "rimport:" in c["text"]], out
        results = [c["data"]["text/plain"] for t, c in out if t == "execute_result"]
        assert results == ["hello_keyton"]
        # The progress came before the result, while the cell was running.
        kinds = [t for t, _ in out]
        assert kinds.index("display_data") < kinds.index("execute_result")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        if os.environ.get("KAYTON_HOME"):
            shutil.rmtree(pathlib.Path(os.environ["KAYTON_HOME"]) / "envs" / name, ignore_errors=True)

"""examples/geometry.ipynb executed headless through nbclient against the Keyton
kernel: a rimported plugin, a Rust value kept across cells, an error cell."""
import os
import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

REPO = pathlib.Path(__file__).resolve().parents[3]


def test_geometry_notebook_runs_with_every_output_checked():
    if not os.environ.get("KAYTON_PLUGIN_PATH"):
        pytest.fail("KAYTON_PLUGIN_PATH must hold the geometry plugin (scripts/test.sh builds it)")
    nb = nbformat.read(REPO / "examples" / "geometry.ipynb", as_version=4)
    NotebookClient(nb, kernel_name="keyton", timeout=120, allow_errors=True).execute()
    cells = [c for c in nb.cells if c.cell_type == "code"]

    first = cells[0].outputs
    assert first[0]["output_type"] == "stream" and first[0]["text"] == "norm: 5.0\n"
    assert first[1]["output_type"] == "execute_result" and first[1]["data"]["text/plain"] == "(3, 4)"

    moved = cells[1].outputs
    assert moved[-1]["data"]["text/plain"] == "moved to (4, 5)"

    err = cells[2].outputs
    assert err[0]["output_type"] == "error"
    assert err[0]["ename"] == "KeytonError"
    assert "name `geometry` is not defined" in err[0]["evalue"]

    last = cells[3].outputs
    assert last[-1]["data"]["text/plain"] == "4.242640687119285"

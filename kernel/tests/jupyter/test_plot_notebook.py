"""examples/plot.ipynb executed headless through nbclient against the Keyton kernel:
a chart of a rimported crate's values (statrs), a table from a list of dicts, an HTML
snippet beside printed text, a bar chart and a histogram; every output's MIME type is
checked."""
import pathlib

import nbformat
from nbclient import NotebookClient

REPO = pathlib.Path(__file__).resolve().parents[3]


def run_plot_notebook():
    nb = nbformat.read(REPO / "examples" / "plot.ipynb", as_version=4)
    NotebookClient(nb, kernel_name="keyton", timeout=600, allow_errors=False).execute()
    return [c.outputs for c in nb.cells if c.cell_type == "code"]


def test_plot_notebook_outputs_have_their_mime_types():
    chart, table, mixed, hist = run_plot_notebook()

    [out] = [o for o in chart if o["output_type"] == "execute_result"]
    assert out["data"]["text/plain"] == '<line chart "Normal(0, 1) density" of 81 values>'
    svg = out["data"]["image/svg+xml"]
    assert svg.startswith("<svg") and "Normal(0, 1) density" in svg and "<polyline" in svg

    [out] = table
    assert out["output_type"] == "execute_result"
    assert set(out["data"]) == {"text/plain", "text/html"}
    assert "<th>x</th><th>pdf</th>" in out["data"]["text/html"]
    assert "<td>0.0</td><td>0.3989</td>" in out["data"]["text/html"]

    kinds = [o["output_type"] for o in mixed]
    assert kinds == ["stream", "display_data", "execute_result"], mixed
    assert mixed[0]["text"] == "peak at x = 0: 0.39894228040143265\n"
    assert "<b>symmetric</b>" in mixed[1]["data"]["text/html"]
    assert mixed[2]["data"]["image/svg+xml"].startswith("<svg")

    [out] = hist
    assert "image/svg+xml" in out["data"] and "histogram" in out["data"]["text/plain"]

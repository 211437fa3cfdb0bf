"""examples/reqwest.ipynb executed headless through nbclient against the Keyton kernel:
rimport of reqwest (blocking), requests to a loopback HTTP server started here, a Client
kept across cells, and an error cell for a refused connection."""
import http.server
import pathlib
import threading

import nbformat
import pytest
from nbclient import NotebookClient

REPO = pathlib.Path(__file__).resolve().parents[3]
NOTEBOOK_SERVER = "http://127.0.0.1:8000"


class Handler(http.server.BaseHTTPRequestHandler):
    ROUTES = {"/hello": b"hello from keyton", "/json": b'{"n": 42}'}

    def do_GET(self):
        body = self.ROUTES.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def text(output):
    return output["data"]["text/plain"]


def test_reqwest_notebook_runs_with_every_output_checked(server):
    nb = nbformat.read(REPO / "examples" / "reqwest.ipynb", as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace(NOTEBOOK_SERVER, server)
    # The first rimport may install reqwest from crates.io: allow for a cold build.
    NotebookClient(nb, kernel_name="keyton", timeout=900, allow_errors=True).execute()
    cells = [c for c in nb.cells if c.cell_type == "code"]

    first = [o for o in cells[0].outputs if o["output_type"] != "stream" or o["name"] == "stdout"]
    assert first[0]["output_type"] == "stream" and first[0]["text"] == "200 OK\n", first
    assert first[1]["output_type"] == "execute_result" and text(first[1]) == "hello from keyton"

    assert text(cells[1].outputs[-1]) == "True"
    assert text(cells[2].outputs[-1]) == '{"n": 42}'

    err = cells[3].outputs
    assert len(err) == 1 and err[0]["output_type"] == "error", err
    assert err[0]["ename"] == "KeytonError"
    assert "error sending request" in err[0]["evalue"]
    assert "Connection refused" in err[0]["evalue"]

    assert text(cells[4].outputs[-1]) == "200"

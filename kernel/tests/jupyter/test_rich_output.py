"""Rich output, input() and interrupts through jupyter_client: what a notebook shows
(tables, displays updated in place, cleared output), a line read over the stdin channel,
and an interrupted loop that keeps the session's globals."""
import queue
import time

from test_protocol import execute, kernel  # noqa: F401 (the fixture)


def test_a_list_of_dicts_result_is_a_table_beside_its_text(kernel):
    _, kc = kernel
    reply, out = execute(kc, 'rows = [{"city": "Oslo", "pop": "709k"}, {"city": "Lima"}]\nrows')
    assert reply["status"] == "ok", reply
    [data] = [c["data"] for t, c in out if t == "execute_result"]
    assert data["text/plain"] == "[{'city': 'Oslo', 'pop': '709k'}, {'city': 'Lima'}]"
    html = data["text/html"]
    assert "<th>city</th><th>pop</th>" in html
    assert "<tr><td>Lima</td><td></td></tr>" in html


def test_display_update_and_clear_keep_their_order(kernel):
    _, kc = kernel
    code = "\n".join([
        'print("one")',
        'display(html("<p>first</p>"), display_id="slot")',
        'print("two")',
        'update_display(html("<p>second</p>"), display_id="slot")',
        "clear_output(wait=True)",
        'display(png(bytes([137, 80, 78, 71, 13, 10, 26, 10, 0])))',
    ])
    reply, out = execute(kc, code)
    assert reply["status"] == "ok", reply
    kinds = [t for t, _ in out if t not in ("status", "execute_input")]
    assert kinds == ["stream", "display_data", "stream", "update_display_data", "clear_output",
                     "display_data"], out
    shown = [c for t, c in out if t in ("display_data", "update_display_data")]
    assert shown[0]["transient"]["display_id"] == shown[1]["transient"]["display_id"] == "slot"
    assert shown[1]["data"]["text/html"] == "<p>second</p>"
    assert [c for t, c in out if t == "clear_output"][0]["wait"] is True
    assert shown[2]["data"]["image/png"] == "iVBORw0KGgoA"
    assert shown[2]["data"]["text/plain"] == "<PNG image, 9 bytes>"


def test_input_reads_a_line_over_the_stdin_channel(kernel):
    _, kc = kernel
    msg_id = kc.execute('name = input("who? ")\nprint("hello, " + name)', allow_stdin=True)
    req = kc.get_stdin_msg(timeout=60)
    assert req["msg_type"] == "input_request"
    assert req["content"]["prompt"] == "who? " and req["content"]["password"] is False
    kc.input("Ada")
    reply = kc.get_shell_msg(timeout=60)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "ok", reply["content"]
    after, out = execute(kc, "name")
    assert [c["data"]["text/plain"] for t, c in out if t == "execute_result"] == ["Ada"]


def test_input_without_stdin_is_an_error_that_says_so(kernel):
    _, kc = kernel
    reply, _ = execute(kc, 'x = input("? ")', allow_stdin=False)
    assert reply["status"] == "error"
    assert "allow_stdin" in reply["evalue"], reply


def test_an_interrupted_loop_keeps_every_global(kernel):
    km, kc = kernel
    execute(kc, "kept = 41")
    msg_id = kc.execute("n = 0\nwhile True:\n    n += 1")
    time.sleep(1.5)
    started = time.monotonic()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=60)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    # Stopped by the loop itself, well within the grace period before a kill.
    assert time.monotonic() - started < 1.5
    after, out = execute(kc, "kept + 1")
    assert [c["data"]["text/plain"] for t, c in out if t == "execute_result"] == ["42"]
    # The interrupted cell's own assignment did not happen (a failed cell changes nothing).
    after, _ = execute(kc, "n")
    assert after["status"] == "error" and "not defined" in after["evalue"]


def test_an_interrupt_between_cells_does_not_stop_the_next(kernel):
    km, kc = kernel
    km.interrupt_kernel()
    time.sleep(0.2)
    reply, out = execute(kc, "t = 0\nfor i in range(1000):\n    t += i\nt")
    assert reply["status"] == "ok", reply
    assert [c["data"]["text/plain"] for t, c in out if t == "execute_result"] == ["499500"]
    try:
        kc.get_shell_msg(timeout=0.5)
        raise AssertionError("an extra shell reply")
    except queue.Empty:
        pass


def test_a_cell_stuck_in_native_code_is_stopped_after_the_grace_period(kernel):
    """reqwest waiting on a server that never answers: no Keyton loop runs to notice the
    interrupt, so after the grace period the executor is restarted, and the error says
    which globals were lost."""
    import socket

    km, kc = kernel
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    port = silent.getsockname()[1]
    try:
        reply, _ = execute(kc, "from reqwest.blocking rimport Client\nclient = Client.new()\nkept = 7",
                           timeout=900)
        assert reply["status"] == "ok", reply
        msg_id = kc.execute(f'client.get("http://127.0.0.1:{port}/").send()')
        time.sleep(2)
        started = time.monotonic()
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=60)
        assert reply["parent_header"]["msg_id"] == msg_id
        content = reply["content"]
        assert content["ename"] == "KeyboardInterrupt", content
        assert "executor was restarted" in content["evalue"]
        assert "lost: client, kept" in content["evalue"], content["evalue"]
        assert time.monotonic() - started < 10
        after, out = execute(kc, "kept")
        assert after["status"] == "error" and "not defined" in after["evalue"]
        after, out = execute(kc, "6 * 7")
        assert [c["data"]["text/plain"] for t, c in out if t == "execute_result"] == ["42"]
    finally:
        silent.close()


def test_inspect_and_completion_show_rust_signatures(kernel):
    _, kc = kernel
    reply, _ = execute(kc, "from geometry rimport Point\np = Point.new(3.0, 4.0)")
    assert reply["status"] == "ok", reply
    kc.inspect("Point", 5)
    found = kc.get_shell_msg(timeout=60)["content"]
    assert found["found"], found
    md = found["data"]["text/markdown"]
    assert md.startswith("```rust\ntype geometry::Point") and "fn norm(&self) -> f64" in md, md
    assert "text/plain" in found["data"]
    code = "Point.ne"
    kc.complete(code, len(code))
    done = kc.get_shell_msg(timeout=60)["content"]
    assert "new" in done["matches"], done
    typed = {t["text"]: t for t in done["metadata"]["_jupyter_types_experimental"]}
    assert typed["new"]["signature"].startswith("fn new("), typed
    code = "p.translate"
    kc.inspect(code, len(code))
    found = kc.get_shell_msg(timeout=60)["content"]
    assert "geometry::Point: fn translate(&mut self" in found["data"]["text/markdown"], found


def test_a_plugin_type_with_a_mime_bundle_renders_as_its_bundle(kernel):
    """geometry's Path implements kayton::MimeBundle (an SVG polyline): displayed, and as
    a cell's result (shown borrowed: Path is not Clone, and stays usable)."""
    _, kc = kernel
    code = ("from geometry rimport Point, Path\npath = Path.new()\npath.push(Point.new(1.0, 1.0))\n"
            "path.push(Point.new(4.0, 5.0))\ndisplay(path)\npath")
    reply, out = execute(kc, code)
    assert reply["status"] == "ok", reply
    [shown] = [c for t, c in out if t == "display_data"]
    [result] = [c for t, c in out if t == "execute_result"]
    for c in (shown, result):
        assert c["data"]["image/svg+xml"].startswith("<svg") and "polyline" in c["data"]["image/svg+xml"]
        assert c["data"]["text/plain"].startswith("Path { points: [")
    reply, out = execute(kc, "path.len()")
    assert [c["data"]["text/plain"] for t, c in out if t == "execute_result"] == ["2"]


def test_a_type_with_a_to_svg_method_renders_through_it(kernel):
    _, kc = kernel
    reply, out = execute(kc, "from geometry rimport Point\nPoint.new(2.0, 3.0)")
    assert reply["status"] == "ok", reply
    [result] = [c for t, c in out if t == "execute_result"]
    assert result["data"]["text/plain"] == "(2, 3)"
    assert '<circle cx="40" cy="140"' in result["data"]["image/svg+xml"]

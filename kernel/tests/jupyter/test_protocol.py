"""Protocol behaviour beyond the standard suite: signatures, state across cells,
error content, silent execution, shutdown with restart."""
import queue

import jupyter_client
import pytest
from jupyter_client.session import Session


@pytest.fixture()
def kernel():
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="keyton", startup_timeout=60)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def execute(kc, code, timeout=60, **kw):
    """Run code; return (reply content, [(iopub msg_type, content)] up to idle)."""
    msg_id = kc.execute(code, **kw)
    reply = kc.get_shell_msg(timeout=timeout)
    assert reply["parent_header"]["msg_id"] == msg_id
    out = []
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return reply["content"], out
        out.append((m["msg_type"], m["content"]))


def test_globals_and_functions_survive_across_cells(kernel):
    _, kc = kernel
    execute(kc, "fn twice(v):\n    v + v\ncounter = 20")
    reply, out = execute(kc, "counter += 1\ntwice(counter)")
    assert reply["status"] == "ok"
    results = [c["data"]["text/plain"] for t, c in out if t == "execute_result"]
    assert results == ["42"]


def test_errors_carry_the_keyton_message_and_line(kernel):
    _, kc = kernel
    reply, out = execute(kc, "xs = [1]\nxs[5]")
    assert reply["status"] == "error"
    assert reply["ename"] == "KeytonError"
    assert "index 5 is out of range" in reply["evalue"]
    errors = [c for t, c in out if t == "error"]
    assert errors and any(":2:1" in line for line in errors[0]["traceback"])


def test_silent_execution_publishes_nothing_and_keeps_the_count(kernel):
    _, kc = kernel
    first, _ = execute(kc, "1")
    reply, out = execute(kc, "print(1)\n2", silent=True)
    assert reply["status"] == "ok"
    assert [t for t, _ in out] == ["status"]  # busy only
    after, _ = execute(kc, "3")
    assert after["execution_count"] == first["execution_count"] + 1


def test_a_message_with_a_bad_signature_is_ignored(kernel):
    km, kc = kernel
    forged = Session(key=b"not the kernel's key", username="mallory")
    forged.send(kc.shell_channel.socket, "execute_request", content={
        "code": "forged = 1", "silent": False, "store_history": True,
        "user_expressions": {}, "allow_stdin": False,
    })
    with pytest.raises(queue.Empty):
        kc.get_shell_msg(timeout=2)
    reply, _ = execute(kc, "forged")
    assert reply["status"] == "error" and "not defined" in reply["evalue"]
    assert km.is_alive()


def test_shutdown_with_restart_gives_a_fresh_session(kernel):
    _, kc = kernel
    execute(kc, "kept = 1")
    msg_id = kc.shutdown(restart=True)
    reply = kc.get_control_msg(timeout=60)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["restart"] is True
    after, _ = execute(kc, "kept")
    assert after["status"] == "error" and "not defined" in after["evalue"]


def test_interrupt_stops_a_running_cell(kernel):
    km, kc = kernel
    msg_id = kc.execute("n = 0\nwhile True:\n    n += 1")
    import time
    time.sleep(1.5)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=60)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    after, out = execute(kc, "1 + 1")
    assert after["status"] == "ok"


def test_bad_messages_get_an_error_or_are_dropped_and_the_kernel_lives(kernel):
    km, kc = kernel
    session = kc.session
    # Wrong types in content: the code is a number.
    session.send(kc.shell_channel.socket, "execute_request", content={
        "code": 42, "silent": "no", "store_history": [], "user_expressions": 7,
        "allow_stdin": "x",
    })
    reply = kc.get_shell_msg(timeout=60)
    assert reply["content"]["status"] in ("ok", "error")
    # A truncated message: the delimiter and a signature, then nothing.
    kc.shell_channel.socket.send_multipart([b"<IDS|MSG>", b"0" * 64, b"{}"])
    with pytest.raises(queue.Empty):
        kc.get_shell_msg(timeout=2)
    # A 10 MB cell is refused at once, with a message saying why.
    reply, _ = execute(kc, "x = 1\n" * 1_750_000, timeout=120)
    assert reply["status"] == "error" and "at most 2 MB" in reply["evalue"], reply["evalue"][:200]
    after, out = execute(kc, "6 * 7")
    assert [c["data"]["text/plain"] for t, c in out if t == "execute_result"] == ["42"]
    assert km.is_alive()

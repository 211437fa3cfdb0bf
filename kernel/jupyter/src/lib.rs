//! `keyton kernel -f CONNECTION_FILE`: a Jupyter kernel (protocol 5.3) over ZeroMQ.
//! Shell and control each have their own task, so that an interrupt or a shutdown is
//! answered while a cell runs; the heartbeat echoes on its own task.
mod engine;
mod history;
mod shown;
pub mod wire;

/// `keyton kernel install` writes kernelspecs (with the environments: `kik` does too).
pub use kayton_env::kernelspec as spec;
pub(crate) use keyton_host::session;

use engine::{byte_to_char, char_to_byte, Done, Engine, Job, Ui};
use serde_json::{json, Value};
use shown::Shown;
use std::path::Path;
use std::sync::Arc;
use tokio::sync::Mutex;
use wire::{reply, Connection, Message, Signer};
use zeromq::{PubSocket, RepSocket, RouterSocket, Socket, SocketRecv, SocketSend, ZmqMessage};

pub fn run(connection_file: &Path) -> Result<(), String> {
    let conn = Connection::read(connection_file)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    rt.block_on(serve(conn))
}

/// What every handler needs: signing, the session id, iopub, and the engine.
struct Kernel {
    signer: Signer,
    session: String,
    iopub: Mutex<PubSocket>,
    engine: Engine,
    count: Mutex<u64>,
    history: Mutex<history::History>,
    /// What the running cell shows and asks (output, install progress, `input()`).
    ui: Mutex<tokio::sync::mpsc::UnboundedReceiver<Ui>>,
    /// The stdin channel, on which `input()` asks the front end for a line.
    stdin: Mutex<RouterSocket>,
    /// Wakes a cell waiting for `input()` when the user interrupts it.
    interrupted: tokio::sync::Notify,
    exit: tokio::sync::Notify,
}

async fn bind<S: Socket>(mut s: S, endpoint: &str) -> Result<S, String> {
    s.bind(endpoint)
        .await
        .map_err(|e| format!("cannot bind {endpoint}: {e}"))?;
    Ok(s)
}

async fn serve(conn: Connection) -> Result<(), String> {
    let shell = bind(RouterSocket::new(), &conn.endpoint(conn.shell_port)).await?;
    let control = bind(RouterSocket::new(), &conn.endpoint(conn.control_port)).await?;
    let stdin = bind(RouterSocket::new(), &conn.endpoint(conn.stdin_port)).await?;
    let iopub = bind(PubSocket::new(), &conn.endpoint(conn.iopub_port)).await?;
    let mut hb = bind(RepSocket::new(), &conn.endpoint(conn.hb_port)).await?;
    tokio::spawn(async move {
        while let Ok(m) = hb.recv().await {
            if hb.send(m).await.is_err() {
                break;
            }
        }
    });
    let (ui_tx, ui_rx) = tokio::sync::mpsc::unbounded_channel();
    let engine = tokio::task::spawn_blocking(move || Engine::start(ui_tx))
        .await
        .map_err(|e| e.to_string())??;
    let k = Arc::new(Kernel {
        signer: Signer::new(&conn.key),
        session: wire::new_id(),
        iopub: Mutex::new(iopub),
        engine,
        count: Mutex::new(0),
        history: Mutex::new(history::History::default()),
        ui: Mutex::new(ui_rx),
        stdin: Mutex::new(stdin),
        interrupted: tokio::sync::Notify::new(),
        exit: tokio::sync::Notify::new(),
    });
    tokio::spawn(channel_loop(k.clone(), control));
    tokio::spawn(channel_loop(k.clone(), shell));
    k.exit.notified().await;
    Ok(())
}

/// Receive, verify and dispatch messages of one ROUTER channel (shell or control).
async fn channel_loop(k: Arc<Kernel>, mut sock: RouterSocket) {
    loop {
        let Ok(frames) = sock.recv().await else { break };
        let msg = match k.signer.decode(frames.into_vec()) {
            Ok(m) => m,
            Err(why) => {
                eprintln!("keyton kernel: dropped a message: {why}");
                continue;
            }
        };
        k.status(&msg, "busy").await;
        for r in handle(&k, &msg).await {
            let frames = k.signer.encode(&r);
            if let Ok(z) = ZmqMessage::try_from(frames) {
                let _ = sock.send(z).await;
            }
        }
        // As ipykernel does: the reply first, then `idle`.
        k.status(&msg, "idle").await;
        if msg.msg_type() == "shutdown_request"
            && !msg.content["restart"].as_bool().unwrap_or(false)
        {
            // Let the reply leave before the process goes.
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            k.exit.notify_one();
            break;
        }
    }
}

impl Kernel {
    async fn publish(&self, parent: &Message, msg_type: &str, content: Value) {
        let mut m = reply(parent, &self.session, msg_type, content);
        m.identities = vec![bytes::Bytes::from(format!("kernel.{msg_type}"))];
        if let Ok(z) = ZmqMessage::try_from(self.signer.encode(&m)) {
            let _ = self.iopub.lock().await.send(z).await;
        }
    }
    /// A `stream` message (`stdout`/`stderr`) for the cell `parent`.
    async fn stream(&self, parent: &Message, name: &str, text: &str) {
        self.publish(parent, "stream", json!({"name": name, "text": text}))
            .await;
    }
    async fn status(&self, parent: &Message, state: &str) {
        self.publish(parent, "status", json!({ "execution_state": state }))
            .await;
    }
}

fn kernel_info() -> Value {
    json!({
        "status": "ok",
        "protocol_version": wire::PROTOCOL_VERSION,
        "implementation": "keyton",
        "implementation_version": env!("CARGO_PKG_VERSION"),
        "language_info": {
            "name": "keyton",
            "version": env!("CARGO_PKG_VERSION"),
            "mimetype": "text/x-keyton",
            "file_extension": ".ky",
            "pygments_lexer": "python",
            "codemirror_mode": "python",
        },
        "banner": "Keyton: a Python-shaped language that compiles to Rust",
        "help_links": [],
    })
}

/// Handle one request; returns the replies to send on its channel.
async fn handle(k: &Kernel, msg: &Message) -> Vec<Message> {
    let t = msg.msg_type().to_string();
    let content = &msg.content;
    let (reply_type, body) = match t.as_str() {
        "kernel_info_request" => ("kernel_info_reply", kernel_info()),
        "execute_request" => ("execute_reply", execute(k, msg).await),
        "is_complete_request" => {
            let code = content["code"].as_str().unwrap_or("");
            let body = match keyton_compiler::completeness(code) {
                Ok(None) => json!({"status": "complete"}),
                Ok(Some(indent)) => json!({"status": "incomplete", "indent": indent}),
                Err(_) => json!({"status": "invalid"}),
            };
            ("is_complete_reply", body)
        }
        "complete_request" => {
            let code = content["code"].as_str().unwrap_or("").to_string();
            let pos = char_to_byte(&code, content["cursor_pos"].as_u64().unwrap_or(0) as usize);
            match k.engine.ask(Job::Complete(code.clone(), pos)).await {
                Done::Completed {
                    matches,
                    start,
                    end,
                    types,
                } => {
                    let (cs, ce) = (byte_to_char(&code, start), byte_to_char(&code, end));
                    let typed: Vec<Value> = matches
                        .iter()
                        .zip(types)
                        .map(|(m, (kind, sig))| {
                            json!({"start": cs, "end": ce, "text": m, "type": kind, "signature": sig})
                        })
                        .collect();
                    (
                        "complete_reply",
                        json!({"status": "ok", "matches": matches, "cursor_start": cs, "cursor_end": ce,
                               "metadata": {"_jupyter_types_experimental": typed}}),
                    )
                }
                _ => (
                    "complete_reply",
                    json!({"status": "error", "ename": "EngineStopped", "evalue": "", "traceback": []}),
                ),
            }
        }
        "inspect_request" => {
            let code = content["code"].as_str().unwrap_or("").to_string();
            let pos = char_to_byte(&code, content["cursor_pos"].as_u64().unwrap_or(0) as usize);
            let found = match k.engine.ask(Job::Inspect(code, pos)).await {
                Done::Inspected(f) => f,
                _ => None,
            };
            let data = match &found {
                Some((plain, Some(md))) => json!({"text/plain": plain, "text/markdown": md}),
                Some((plain, None)) => json!({"text/plain": plain}),
                None => json!({}),
            };
            (
                "inspect_reply",
                json!({"status": "ok", "found": found.is_some(), "data": data, "metadata": {}}),
            )
        }
        "history_request" => {
            let history = k.history.lock().await.query(content);
            ("history_reply", json!({"status": "ok", "history": history}))
        }
        "comm_info_request" => ("comm_info_reply", json!({"status": "ok", "comms": {}})),
        "interrupt_request" => {
            k.engine.interrupt();
            k.interrupted.notify_waiters();
            ("interrupt_reply", json!({"status": "ok"}))
        }
        "shutdown_request" => {
            let restart = content["restart"].as_bool().unwrap_or(false);
            let job = if restart { Job::Restart } else { Job::Shutdown };
            let status = match k.engine.ask(job).await {
                Done::Restarted(Err(e)) => {
                    json!({"status": "error", "ename": "RestartFailed", "evalue": e, "traceback": []})
                }
                _ => json!({"status": "ok", "restart": restart}),
            };
            ("shutdown_reply", status)
        }
        other => {
            eprintln!("keyton kernel: ignoring unsupported message type {other:?}");
            return Vec::new();
        }
    };
    vec![reply(msg, &k.session, reply_type, body)]
}

async fn execute(k: &Kernel, msg: &Message) -> Value {
    let c = &msg.content;
    let code = c["code"].as_str().unwrap_or("").to_string();
    let silent = c["silent"].as_bool().unwrap_or(false);
    let store = c["store_history"].as_bool().unwrap_or(!silent) && !silent;
    let count = {
        let mut n = k.count.lock().await;
        if store {
            *n += 1;
        }
        *n
    };
    if !silent {
        k.publish(
            msg,
            "execute_input",
            json!({"code": code, "execution_count": count}),
        )
        .await;
    }
    // `name?` and `help(name)`, as in IPython: the item's help in the pager.
    if let Some(word) = help_target(&code) {
        let len = word.len();
        let found = match k.engine.ask(Job::Inspect(word, len)).await {
            Done::Inspected(f) => f,
            _ => None,
        };
        let data = match found {
            Some((plain, Some(md))) => json!({"text/plain": plain, "text/markdown": md}),
            Some((plain, None)) => json!({"text/plain": plain}),
            None => json!({"text/plain": "no help found"}),
        };
        let page = json!({"source": "page", "data": data, "start": 0});
        return json!({"status": "ok", "execution_count": count, "payload": [page], "user_expressions": {}});
    }
    let allow_stdin = c["allow_stdin"].as_bool().unwrap_or(false);
    let done = {
        let ask = k.engine.ask(Job::Execute(code.clone()));
        tokio::pin!(ask);
        let mut ui = k.ui.lock().await;
        let mut shown = Shown::new(silent, allow_stdin);
        let done = loop {
            tokio::select! {
                done = &mut ask => break done,
                Some(m) = ui.recv() => shown.show(k, msg, m).await,
            }
        };
        // Messages sent just before the reply may not have been received yet.
        while let Ok(m) = ui.try_recv() {
            shown.show(k, msg, m).await;
        }
        done
    };
    let out = match done {
        Done::Executed(o) => o,
        _ => crate::session::Outcome {
            error: Some("the kernel is shutting down".into()),
            ..Default::default()
        },
    };
    if !out.stdout.is_empty() && !silent {
        k.stream(msg, "stdout", &out.stdout).await;
    }
    if !out.stderr.is_empty() && !silent {
        k.stream(msg, "stderr", &out.stderr).await;
    }
    if store {
        k.history
            .lock()
            .await
            .record(count, &code, out.result.as_deref());
    }
    if let Some(err) = out.error {
        let (ename, evalue) = error_names(&err);
        let traceback: Vec<&str> = err.lines().collect();
        let body = json!({"ename": ename, "evalue": evalue, "traceback": traceback});
        if !silent {
            k.publish(msg, "error", body.clone()).await;
        }
        let mut r = body;
        r["status"] = json!("error");
        r["execution_count"] = json!(count);
        return r;
    }
    if let (Some(result), false) = (out.result, silent) {
        let mut data = json!({"text/plain": result});
        for (mime, content) in out.result_data.unwrap_or_default() {
            if mime != "text/plain" {
                data[mime] = json!(content);
            }
        }
        k.publish(
            msg,
            "execute_result",
            json!({"execution_count": count, "data": data, "metadata": {}}),
        )
        .await;
    }
    json!({"status": "ok", "execution_count": count, "payload": [], "user_expressions": {}})
}

/// The name a help request (`name?`, `help(name)`) asks about.
fn help_target(code: &str) -> Option<String> {
    let code = code.trim();
    let word = code
        .strip_suffix('?')
        .or_else(|| code.strip_prefix("help(")?.strip_suffix(')'))?
        .trim();
    let ok = !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || c == '_');
    ok.then(|| word.to_string())
}

/// `ename`/`evalue` for a rendered Keyton error: its kind and its first line.
fn error_names(err: &str) -> (&'static str, String) {
    let first = err
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    let ename = if first.starts_with("KeyboardInterrupt") {
        "KeyboardInterrupt"
    } else if err.starts_with("internal error") {
        "InternalError"
    } else {
        "KeytonError"
    };
    (ename, first)
}

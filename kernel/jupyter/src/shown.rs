//! What a running cell shows and asks, as Jupyter messages: streams, `display_data` /
//! `update_display_data` / `clear_output` on iopub, install progress as one display
//! updated in place, and `input()` as an `input_request` on the stdin channel.
use crate::engine::Ui;
use crate::wire::{reply, Message};
use crate::Kernel;
use keyton_host::frontend::Event;
use serde_json::{json, Value};
use std::time::Instant;
use zeromq::{SocketRecv, SocketSend, ZmqMessage};

/// The state of one `execute_request`'s output.
pub struct Shown {
    silent: bool,
    allow_stdin: bool,
    /// The progress display of this cell's rimport: its id and when it began.
    progress: Option<(String, Instant)>,
}

impl Shown {
    pub fn new(silent: bool, allow_stdin: bool) -> Shown {
        Shown {
            silent,
            allow_stdin,
            progress: None,
        }
    }

    pub async fn show(&mut self, k: &Kernel, parent: &Message, m: Ui) {
        match m {
            Ui::Input {
                prompt,
                password,
                reply,
            } => {
                let line = self.input(k, parent, &prompt, password).await;
                let _ = reply.send(line);
            }
            _ if self.silent => {}
            Ui::Progress(line) => self.progress(k, parent, &line).await,
            Ui::Event(Event::Stream { name, text }) => k.stream(parent, &name, &text).await,
            Ui::Event(Event::Display { data, id, update }) => {
                let data: serde_json::Map<String, Value> =
                    data.into_iter().map(|(m, c)| (m, json!(c))).collect();
                let mut content = json!({"data": data, "metadata": {}});
                if let Some(id) = id {
                    content["transient"] = json!({ "display_id": id });
                }
                let kind = if update {
                    "update_display_data"
                } else {
                    "display_data"
                };
                k.publish(parent, kind, content).await;
            }
            Ui::Event(Event::Clear { wait }) => {
                k.publish(parent, "clear_output", json!({ "wait": wait }))
                    .await
            }
            Ui::Event(Event::Input { .. }) => {}
        }
    }

    /// One line, updated in place: the phase, the crate, the time since it began.
    async fn progress(&mut self, k: &Kernel, parent: &Message, line: &str) {
        let (kind, id, started) = match &self.progress {
            Some((id, t)) => ("update_display_data", id.clone(), *t),
            None => {
                let id = format!("keyton-rimport-{}", crate::wire::new_id());
                self.progress = Some((id.clone(), Instant::now()));
                ("display_data", id, Instant::now())
            }
        };
        let text = format!("rimport: {line} ({:.1} s)", started.elapsed().as_secs_f64());
        let content = json!({
            "data": {"text/plain": text},
            "metadata": {},
            "transient": {"display_id": id},
        });
        k.publish(parent, kind, content).await;
    }

    /// Ask the front end for a line on the stdin channel and wait for its reply (or for
    /// an interrupt).
    async fn input(
        &self,
        k: &Kernel,
        parent: &Message,
        prompt: &str,
        password: bool,
    ) -> Result<String, String> {
        if !self.allow_stdin {
            return Err(
                "input(): this front end does not take input (its execute_request has allow_stdin false)"
                    .into(),
            );
        }
        let mut req = reply(
            parent,
            &k.session,
            "input_request",
            json!({"prompt": prompt, "password": password}),
        );
        req.identities = parent.identities.clone();
        let mut sock = k.stdin.lock().await;
        let frames = ZmqMessage::try_from(k.signer.encode(&req))
            .map_err(|e| format!("input(): cannot frame the request: {e}"))?;
        sock.send(frames)
            .await
            .map_err(|e| format!("input(): cannot send the request: {e}"))?;
        loop {
            let got = tokio::select! {
                got = sock.recv() => got,
                _ = k.interrupted.notified() => return Err("KeyboardInterrupt".into()),
            };
            let frames = got.map_err(|e| format!("input(): the stdin channel failed: {e}"))?;
            match k.signer.decode(frames.into_vec()) {
                Ok(m) if m.msg_type() == "input_reply" => {
                    return Ok(m.content["value"].as_str().unwrap_or("").to_string())
                }
                Ok(m) => eprintln!(
                    "keyton kernel: ignoring {:?} on the stdin channel",
                    m.msg_type()
                ),
                Err(why) => eprintln!("keyton kernel: dropped a stdin message: {why}"),
            }
        }
    }
}

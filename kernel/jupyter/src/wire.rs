//! The Jupyter wire protocol (5.3): connection files, message framing around the
//! `<IDS|MSG>` delimiter, and HMAC-SHA256 signatures. A message whose signature does
//! not verify is rejected here, before anything reads its content.
use bytes::Bytes;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::Sha256;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

pub const PROTOCOL_VERSION: &str = "5.3";
const DELIM: &[u8] = b"<IDS|MSG>";

#[derive(Debug, Clone, Deserialize)]
pub struct Connection {
    pub ip: String,
    pub transport: String,
    pub shell_port: u16,
    pub iopub_port: u16,
    pub stdin_port: u16,
    pub control_port: u16,
    pub hb_port: u16,
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub signature_scheme: String,
}

impl Connection {
    pub fn read(path: &std::path::Path) -> Result<Connection, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read connection file {}: {e}", path.display()))?;
        let c: Connection = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a Jupyter connection file: {e}", path.display()))?;
        if !c.key.is_empty() && c.signature_scheme != "hmac-sha256" {
            return Err(format!(
                "{}: signature scheme {:?} is not supported (only hmac-sha256)",
                path.display(),
                c.signature_scheme
            ));
        }
        Ok(c)
    }
    pub fn endpoint(&self, port: u16) -> String {
        format!("{}://{}:{port}", self.transport, self.ip)
    }
}

/// A decoded message: routing identities and the four JSON parts.
#[derive(Debug, Clone)]
pub struct Message {
    pub identities: Vec<Bytes>,
    pub header: Value,
    pub parent_header: Value,
    pub metadata: Value,
    pub content: Value,
}

impl Message {
    pub fn msg_type(&self) -> &str {
        self.header["msg_type"].as_str().unwrap_or("")
    }
}

/// Signs and checks messages with the connection's key (no key: no signatures).
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    pub fn new(key: &str) -> Signer {
        Signer {
            key: key.as_bytes().to_vec(),
        }
    }

    pub fn sign(&self, parts: &[&[u8]]) -> String {
        if self.key.is_empty() {
            return String::new();
        }
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        for p in parts {
            mac.update(p);
        }
        hex::encode(mac.finalize().into_bytes())
    }

    fn verify(&self, signature: &[u8], parts: &[&[u8]]) -> bool {
        if self.key.is_empty() {
            return true;
        }
        let Ok(sig) = hex::decode(signature) else {
            return false;
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        for p in parts {
            mac.update(p);
        }
        mac.verify_slice(&sig).is_ok()
    }

    /// Decode frames; `Err` says why the message was dropped.
    pub fn decode(&self, frames: Vec<Bytes>) -> Result<Message, String> {
        let at = frames
            .iter()
            .position(|f| f.as_ref() == DELIM)
            .ok_or("no <IDS|MSG> delimiter")?;
        if frames.len() < at + 6 {
            return Err(format!(
                "expected 5 frames after the delimiter, found {}",
                frames.len() - at - 1
            ));
        }
        let parts: Vec<&[u8]> = frames[at + 2..at + 6].iter().map(|b| b.as_ref()).collect();
        if !self.verify(&frames[at + 1], &parts) {
            return Err("bad or missing signature".into());
        }
        let json = |b: &[u8]| {
            serde_json::from_slice::<Value>(b).map_err(|e| format!("malformed JSON part: {e}"))
        };
        Ok(Message {
            identities: frames[..at].to_vec(),
            header: json(parts[0])?,
            parent_header: json(parts[1])?,
            metadata: json(parts[2])?,
            content: json(parts[3])?,
        })
    }

    /// Encode a message as signed frames.
    pub fn encode(&self, m: &Message) -> Vec<Bytes> {
        let parts: Vec<Vec<u8>> = [&m.header, &m.parent_header, &m.metadata, &m.content]
            .iter()
            .map(|v| serde_json::to_vec(v).expect("JSON values serialize"))
            .collect();
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let sig = self.sign(&refs);
        let mut frames = m.identities.clone();
        frames.push(Bytes::from_static(DELIM));
        frames.push(Bytes::from(sig.into_bytes()));
        frames.extend(parts.into_iter().map(Bytes::from));
        frames
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh message id (time, process and a counter: unique without a UUID crate).
pub fn new_id() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{:016x}-{:08x}-{n:08x}", t as u64, std::process::id())
}

/// Now as ISO 8601 UTC, e.g. `2026-11-22T18:40:00.123456Z`.
pub fn now_iso() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z.rem_euclid(146097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + (month <= 2) as i64;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_micros()
    )
}

/// A reply or broadcast to `parent`, of `msg_type`, from `session`.
pub fn reply(parent: &Message, session: &str, msg_type: &str, content: Value) -> Message {
    Message {
        identities: parent.identities.clone(),
        header: json!({
            "msg_id": new_id(),
            "session": session,
            "username": "keyton",
            "date": now_iso(),
            "msg_type": msg_type,
            "version": PROTOCOL_VERSION,
        }),
        parent_header: parent.header.clone(),
        metadata: json!({}),
        content,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(signer: &Signer) -> Vec<Bytes> {
        let m = Message {
            identities: vec![Bytes::from_static(b"peer")],
            header: json!({"msg_type": "kernel_info_request", "msg_id": "1"}),
            parent_header: json!({}),
            metadata: json!({}),
            content: json!({}),
        };
        signer.encode(&m)
    }

    #[test]
    fn signed_messages_round_trip() {
        let s = Signer::new("secret");
        let m = s.decode(sample(&s)).unwrap();
        assert_eq!(m.msg_type(), "kernel_info_request");
        assert_eq!(m.identities, vec![Bytes::from_static(b"peer")]);
    }

    #[test]
    fn wrong_or_missing_signatures_are_rejected() {
        let s = Signer::new("secret");
        let forged = sample(&Signer::new("other key"));
        assert_eq!(s.decode(forged).unwrap_err(), "bad or missing signature");
        let mut unsigned = sample(&s);
        unsigned[2] = Bytes::new();
        assert!(s.decode(unsigned).is_err());
        let mut tampered = sample(&s);
        tampered[6] = Bytes::from_static(b"{\"code\": \"evil\"}");
        assert!(s.decode(tampered).is_err());
    }

    #[test]
    fn dates_are_iso_utc() {
        let d = now_iso();
        assert_eq!(d.len(), 27, "{d}");
        assert!(d.starts_with("20") && d.ends_with('Z') && &d[10..11] == "T");
    }
}

//! The plain HTTP server that conformance files with `# requires: server` get: on
//! 127.0.0.1 (a free port), `GET /hello` → 200 `hello from keyton`, `GET /json` → 200
//! `{"n": 42}`, `/echo…` (any method) → 200 with the request's method, target and body
//! (`POST /echo?q=1 {"a":1}`), anything else → 404 with an empty body. It stops when
//! dropped.
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

pub struct Server {
    pub base_url: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start() -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let _ = stream.set_nonblocking(false);
                        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                        let _ = answer(stream);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Ok(Server {
            base_url,
            stop,
            thread: Some(thread),
        })
    }
}

fn answer(stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // The headers up to the blank line: only the body's length matters.
    let mut line = String::new();
    let mut length = 0usize;
    while reader.read_line(&mut line)? > 2 {
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        line.clear();
    }
    let mut sent = vec![0u8; length.min(1 << 16)];
    std::io::Read::read_exact(&mut reader, &mut sent)?;
    let mut words = request.split_whitespace();
    let (method, path) = (words.next().unwrap_or("GET"), words.next().unwrap_or("/"));
    let echo = match sent.is_empty() {
        true => format!("{method} {path}"),
        false => format!("{method} {path} {}", String::from_utf8_lossy(&sent)),
    };
    let (status, body) = match path {
        "/hello" => ("200 OK", "hello from keyton"),
        "/json" => ("200 OK", "{\"n\": 42}"),
        p if p.starts_with("/echo") => ("200 OK", echo.as_str()),
        _ => ("404 Not Found", ""),
    };
    let mut out = stream;
    write!(out, "HTTP/1.1 {status}\r\nContent-Length: {}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n{body}", body.len())?;
    out.flush()
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn get(base: &str, path: &str) -> String {
        let addr = base.trim_start_matches("http://");
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_the_conformance_routes_on_loopback() {
        let srv = Server::start().unwrap();
        assert!(srv.base_url.starts_with("http://127.0.0.1:"));
        let hello = get(&srv.base_url, "/hello");
        assert!(
            hello.starts_with("HTTP/1.1 200 OK") && hello.ends_with("\r\n\r\nhello from keyton"),
            "{hello}"
        );
        assert!(get(&srv.base_url, "/json").ends_with("{\"n\": 42}"));
        assert!(get(&srv.base_url, "/echo?q=1").ends_with("\r\n\r\nGET /echo?q=1"));
        let missing = get(&srv.base_url, "/missing");
        assert!(
            missing.starts_with("HTTP/1.1 404") && missing.ends_with("\r\n\r\n"),
            "{missing}"
        );
    }
}

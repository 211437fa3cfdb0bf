//! The plain HTTP server that conformance files with `# requires: server` get: on
//! 127.0.0.1 (a free port), `GET /hello` → 200 `hello from keyton`, `GET /json` → 200
//! `{"n": 42}`, anything else → 404 with an empty body. It stops when dropped.
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
    // Read (and ignore) the headers up to the blank line.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let (status, body) = match path {
        "/hello" => ("200 OK", "hello from keyton"),
        "/json" => ("200 OK", "{\"n\": 42}"),
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
        let missing = get(&srv.base_url, "/missing");
        assert!(
            missing.starts_with("HTTP/1.1 404") && missing.ends_with("\r\n\r\n"),
            "{missing}"
        );
    }
}

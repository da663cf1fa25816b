//! A scripted HTTP/1.1 server on a raw TCP listener, for the faults httpmock
//! cannot produce: a connection closed before the headers or in the middle of
//! the body, headers that come late, a body that trickles or never ends. It
//! also counts the TCP connections it accepted.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct RawRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The request target, e.g. `/api/v3/get-profile?withCustomData=true`.
    pub target: String,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body, as declared by `Content-Length`.
    pub body: Vec<u8>,
}

impl RawRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does after reading a request.
#[derive(Debug, Clone)]
pub enum Step {
    /// Writes these bytes.
    Write(Vec<u8>),
    /// Waits.
    Sleep(Duration),
    /// Writes `chunk` every `every` until the client hangs up.
    WriteForever {
        /// Bytes of each write.
        chunk: Vec<u8>,
        /// Pause between writes.
        every: Duration,
    },
    /// Closes the connection.
    Close,
}

type Script = dyn Fn(usize, &RawRequest) -> Vec<Step> + Send + Sync;

/// A running scripted server. Its tasks live as long as the test's runtime.
pub struct RawServer {
    base_url: String,
    hits: Arc<AtomicUsize>,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<RawRequest>>>,
}

impl RawServer {
    /// Starts a server on 127.0.0.1. `script(n, request)` (`n` counts requests
    /// from 0) says what to do with each request; after the steps the
    /// connection stays open for the next request unless a step closed it.
    pub async fn start(
        script: impl Fn(usize, &RawRequest) -> Vec<Step> + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let address = listener.local_addr().expect("a bound address");
        let server = Self {
            base_url: format!("http://{address}"),
            hits: Arc::default(),
            connections: Arc::default(),
            requests: Arc::default(),
        };
        let script: Arc<Script> = Arc::new(script);
        let (hits, connections, requests) = (
            server.hits.clone(),
            server.connections.clone(),
            server.requests.clone(),
        );
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                connections.fetch_add(1, Ordering::SeqCst);
                let (script, hits, requests) = (script.clone(), hits.clone(), requests.clone());
                tokio::spawn(serve(stream, script, hits, requests));
            }
        });
        server
    }

    /// A server that answers every request with `200` and this JSON body.
    pub async fn always_json(body: serde_json::Value) -> Self {
        let bytes = response(200, "application/json", body.to_string().as_bytes());
        Self::start(move |_, _| vec![Step::Write(bytes.clone())]).await
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// `http://localhost:<port>`: the host by name, as a tenant is reached.
    /// Each new connection then starts with a name lookup; an IP address is
    /// not resolved.
    pub fn base_url_by_name(&self) -> String {
        self.base_url.replace("127.0.0.1", "localhost")
    }

    /// Requests read so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The requests read so far.
    pub fn requests(&self) -> Vec<RawRequest> {
        self.requests.lock().expect("not poisoned").clone()
    }
}

async fn serve(
    stream: TcpStream,
    script: Arc<Script>,
    hits: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<RawRequest>>>,
) {
    let mut stream = BufReader::new(stream);
    loop {
        let Some(request) = read_request(&mut stream).await else {
            return;
        };
        let n = hits.fetch_add(1, Ordering::SeqCst);
        requests.lock().expect("not poisoned").push(request.clone());
        for step in script(n, &request) {
            let written = match step {
                Step::Write(bytes) => stream.get_mut().write_all(&bytes).await,
                Step::Sleep(pause) => {
                    tokio::time::sleep(pause).await;
                    Ok(())
                }
                Step::WriteForever { chunk, every } => loop {
                    if stream.get_mut().write_all(&chunk).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(every).await;
                },
                Step::Close => return,
            };
            if written.is_err() {
                return;
            }
        }
    }
}

async fn read_request(stream: &mut BufReader<TcpStream>) -> Option<RawRequest> {
    let mut line = String::new();
    stream.read_line(&mut line).await.ok().filter(|n| *n > 0)?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        line.clear();
        stream.read_line(&mut line).await.ok().filter(|n| *n > 0)?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(RawRequest {
        method,
        target,
        headers,
        body,
    })
}

/// A complete response with `Content-Length`.
pub fn response(status: u16, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = head(
        status,
        &[
            ("content-type", content_type),
            ("content-length", &body.len().to_string()),
        ],
    );
    out.extend_from_slice(body);
    out
}

/// A status line and headers, up to and including the blank line.
pub fn head(status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} Status\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// One chunk of a `Transfer-Encoding: chunked` body.
pub fn chunk(data: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    out
}

/// A loopback address where nothing listens: connecting is refused.
pub async fn refused_base_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("a bound address");
    drop(listener);
    format!("http://{address}")
}

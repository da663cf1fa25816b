//! Shared by the benches: an in-process HTTP/1.1 server answering canned
//! envelopes, the facade client and the hand-written reqwest baseline that
//! puts the same bytes on the wire, fixtures, and an interleaved A/B timer.
//!
//! The server is a bare hyper service (no request matching beyond the path),
//! so its cost is small and the same for both sides of every comparison.

#![allow(dead_code)] // each bench binary uses part of this module

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use genauth::types;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderName, HeaderValue};

pub const APP_ID: &str = "62d9f2e1a5e3b5c2f1d2e3f4";
pub const ACCESS_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.bench-token.signature";

pub const CHANGE_QR_CODE_STATUS: &str = "/api/v3/change-qrcode-status";
pub const GET_LOGIN_HISTORY: &str = "/api/v3/get-my-login-history";

/// What `change_qr_code_status` answers: a bare success envelope.
pub const COMMON_SUCCESS: &[u8] = br#"{"statusCode":200,"message":"success"}"#;

/// One request as the server saw it: method, path and query, headers sorted
/// by name (the order on the wire may differ), body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

/// The first `requests` a server answers, held until all of them have
/// arrived: that many calls sent at once then each need their own
/// connection, so a client's pool holds exactly that many after them,
/// whatever the timing.
struct WarmUp {
    requests: usize,
    arrived: AtomicUsize,
    all: tokio::sync::Barrier,
}

/// The canned-response server. Dropping it does not stop it; benches run
/// it for the life of the process.
pub struct Server {
    pub addr: SocketAddr,
    warm_up: Arc<WarmUp>,
    connections: Arc<AtomicUsize>,
    capture: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

#[derive(Clone)]
struct State {
    routes: Arc<HashMap<String, Bytes>>,
    warm_up: Arc<WarmUp>,
    capture: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts the server on its own thread with a single-threaded runtime.
    pub fn on_own_thread(routes: &[(&str, Bytes)]) -> Server {
        let (tx, rx) = std::sync::mpsc::channel();
        let routes = routes_map(routes);
        std::thread::Builder::new()
            .name("bench-server".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("server runtime");
                rt.block_on(async move {
                    let server = Server::start(routes, 0).await;
                    tx.send(server).expect("hand the address back");
                    std::future::pending::<()>().await;
                });
            })
            .expect("server thread");
        rx.recv().expect("server started")
    }

    /// Starts the server on the current runtime (for the throughput
    /// bench, where client and server share the same two workers). Its
    /// first `warm_up_requests` requests are answered together, once all
    /// have arrived.
    pub async fn on_current_runtime(routes: &[(&str, Bytes)], warm_up_requests: usize) -> Server {
        Server::start(routes_map(routes), warm_up_requests).await
    }

    async fn start(routes: HashMap<String, Bytes>, warm_up_requests: usize) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let warm_up = Arc::new(WarmUp {
            requests: warm_up_requests,
            arrived: AtomicUsize::new(0),
            all: tokio::sync::Barrier::new(warm_up_requests),
        });
        let state = State {
            routes: Arc::new(routes),
            warm_up: warm_up.clone(),
            capture: Arc::new(AtomicBool::new(false)),
            seen: Arc::new(Mutex::new(Vec::new())),
        };
        let connections = Arc::new(AtomicUsize::new(0));
        let server = Server {
            addr,
            warm_up,
            connections: connections.clone(),
            capture: state.capture.clone(),
            seen: state.seen.clone(),
        };
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                connections.fetch_add(1, Ordering::Relaxed);
                let _ = stream.set_nodelay(true);
                let state = state.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| answer(state.clone(), request));
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        server
    }

    /// `http://localhost:<port>`: by name, as a tenant is reached (each new
    /// connection then starts with a name lookup).
    pub fn base_url(&self) -> String {
        format!("http://localhost:{}", self.addr.port())
    }

    /// `http://localhost:<port>` or `http://127.0.0.1:<port>`.
    pub fn base_url_for(&self, host: Host) -> String {
        match host {
            Host::Name => self.base_url(),
            Host::Ip => format!("http://{}", self.addr),
        }
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }

    /// Runs `f` and returns the requests the server saw meanwhile.
    pub fn seen_during<T>(&self, f: impl FnOnce() -> T) -> (T, Vec<Seen>) {
        self.seen.lock().expect("seen").clear();
        self.capture.store(true, Ordering::SeqCst);
        let out = f();
        self.capture.store(false, Ordering::SeqCst);
        let seen = std::mem::take(&mut *self.seen.lock().expect("seen"));
        (out, seen)
    }
}

/// How a client names the server: by name (`localhost`, resolved for each
/// new connection) or by IP address (not resolved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    Name,
    Ip,
}

impl Host {
    pub const BOTH: [Host; 2] = [Host::Name, Host::Ip];

    pub fn label(self) -> &'static str {
        match self {
            Host::Name => "by name (localhost)",
            Host::Ip => "by IP (127.0.0.1)",
        }
    }
}

fn routes_map(routes: &[(&str, Bytes)]) -> HashMap<String, Bytes> {
    routes
        .iter()
        .map(|(path, body)| ((*path).to_owned(), body.clone()))
        .collect()
}

async fn answer(
    state: State,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    if state.warm_up.arrived.fetch_add(1, Ordering::Relaxed) < state.warm_up.requests {
        state.warm_up.all.wait().await;
    }
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    if state.capture.load(Ordering::Relaxed) {
        let mut headers: Vec<(String, String)> = parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        headers.sort();
        state.seen.lock().expect("seen").push(Seen {
            method: parts.method.to_string(),
            uri: parts.uri.to_string(),
            headers,
            body,
        });
    }
    let response = match state.routes.get(parts.uri.path()) {
        Some(canned) => hyper::Response::builder()
            .header("content-type", "application/json; charset=utf-8")
            .body(Full::new(canned.clone())),
        None => hyper::Response::builder()
            .status(404)
            .body(Full::new(Bytes::from_static(b"not found"))),
    };
    Ok(response.expect("static response parts"))
}

/// The facade client as an application builds it (defaults, a user token),
/// pointed at `base`.
pub fn facade(base: &str) -> genauth::AuthenticationClient {
    genauth::AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(base)
        .access_token(ACCESS_TOKEN)
        .danger_allow_insecure_http(true)
        .build()
        .expect("facade client")
}

/// A client the in-flight benches load: the facade or [`Raw`].
pub trait QrCodeCaller: Clone + Send + Sync + 'static {
    /// One `change_qr_code_status` call, its answer kept from the optimizer.
    fn scan(&self) -> impl std::future::Future<Output = ()> + Send;
}

impl QrCodeCaller for genauth::AuthenticationClient {
    async fn scan(&self) {
        let out = self
            .change_qr_code_status(genauth::QrCodeAction::Scan, QRCODE_ID)
            .await
            .expect("facade call");
        std::hint::black_box(out);
    }
}

impl QrCodeCaller for Raw {
    async fn scan(&self) {
        let out = self
            .change_qr_code_status(genauth::QrCodeAction::Scan, QRCODE_ID)
            .await
            .expect("raw call");
        std::hint::black_box(out);
    }
}

/// `tasks` tasks, each with its own clone of `client`, each making
/// `per_task` calls one after another.
pub fn spawn_burst<C: QrCodeCaller>(
    client: &C,
    tasks: usize,
    per_task: u64,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..tasks)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                for _ in 0..per_task {
                    client.scan().await;
                }
            })
        })
        .collect()
}

/// A string the program only has at run time (read from configuration).
fn runtime(value: &str) -> String {
    std::hint::black_box(value.to_owned())
}

/// The hand-written baseline: a `reqwest::Client` with the facade's
/// settings, and the header values a careful caller builds once and clones
/// per call.
#[derive(Clone)]
pub struct Raw {
    pub http: reqwest::Client,
    base: Arc<str>,
    app_id: HeaderValue,
    sdk_version: HeaderValue,
    authorization: HeaderValue,
}

const API_VERSION: HeaderName = HeaderName::from_static("api-version");
const X_APP_ID: HeaderName = HeaderName::from_static("x-genauth-app-id");
const X_REQUEST_FROM: HeaderName = HeaderName::from_static("x-genauth-request-from");
const X_SDK_VERSION: HeaderName = HeaderName::from_static("x-genauth-sdk-version");

impl Raw {
    pub fn new(base: &str) -> Raw {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .timeout(genauth::DEFAULT_TIMEOUT)
            .connect_timeout(genauth::DEFAULT_CONNECT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("genauth-rust/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("reqwest client");
        // The app ID and the token are configuration, known at run time:
        // parsed once, cloned per call (as the facade does). The SDK version
        // is a compile-time constant on both sides.
        let app_id = HeaderValue::from_str(&runtime(APP_ID)).expect("app id");
        let mut authorization = HeaderValue::from_str(&runtime(ACCESS_TOKEN)).expect("token");
        authorization.set_sensitive(true);
        Raw {
            http,
            base: base.into(),
            app_id,
            sdk_version: HeaderValue::from_static(genauth::SDK_VERSION),
            authorization,
        }
    }

    fn request(&self, builder: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        builder
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(API_VERSION, HeaderValue::from_static("3.0.0"))
            .header(X_APP_ID, self.app_id.clone())
            .header(X_REQUEST_FROM, HeaderValue::from_static("sdk"))
            .header(X_SDK_VERSION, self.sdk_version.clone())
            .header(AUTHORIZATION, self.authorization.clone())
    }

    /// `POST /api/v3/change-qrcode-status` by hand: the same request, the
    /// body read whole and decoded into the same type, `statusCode` checked.
    pub async fn change_qr_code_status(
        &self,
        action: genauth::QrCodeAction,
        qrcode_id: &str,
    ) -> Result<types::CommonResponseDto, Box<dyn std::error::Error + Send + Sync>> {
        let body = types::ChangeQrCodeStatusDto {
            action,
            qrcode_id: qrcode_id.to_owned(),
        };
        let response = self
            .request(
                self.http
                    .post(format!("{}{CHANGE_QR_CODE_STATUS}", self.base)),
            )
            .json(&body)
            .send()
            .await?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(format!("HTTP {}", response.status()).into());
        }
        let bytes = response.bytes().await?;
        let envelope: types::CommonResponseDto = serde_json::from_slice(&bytes)?;
        if envelope.status_code != 200 {
            return Err(format!("statusCode {}", envelope.status_code).into());
        }
        Ok(envelope)
    }

    /// `GET /api/v3/get-my-login-history` by hand, returning `data`.
    pub async fn get_login_history(
        &self,
    ) -> Result<types::LoginHistoryPaginatedRespDto, Box<dyn std::error::Error + Send + Sync>> {
        let response = self
            .request(self.http.get(format!("{}{GET_LOGIN_HISTORY}", self.base)))
            .send()
            .await?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(format!("HTTP {}", response.status()).into());
        }
        let bytes = response.bytes().await?;
        let envelope: types::GetLoginHistoryRespDto = serde_json::from_slice(&bytes)?;
        if envelope.status_code != 200 {
            return Err(format!("statusCode {}", envelope.status_code).into());
        }
        envelope.data.ok_or_else(|| "no data".into())
    }
}

/// The QR code id both sides send to `change_qr_code_status`.
pub const QRCODE_ID: &str = "6368a7b1b2a3c4d5e6f70812";

/// A `get_login_history` success envelope of at least `target_bytes`,
/// with entries shaped like real ones (varied strings, nested objects).
pub fn login_history_body(target_bytes: usize) -> Bytes {
    let mut list = Vec::new();
    let mut size = 0;
    let mut i: u64 = 0;
    while size < target_bytes {
        let method = ["PASSWORD", "PHONE_CODE", "WECHAT_QRCODE", "EMAIL_CODE"][(i % 4) as usize];
        let entry = serde_json::json!({
            "userId": format!("6368a7b1b2a3c4d5e6f7{:04x}", i % 0xffff),
            "appId": APP_ID,
            "appName": format!("Console application {}", i % 17),
            "appLoginUrl": format!("https://app-{}.example.genauth.ai/login", i % 17),
            "appLogo": "https://files.example.genauth.ai/logo/default.png",
            "loginMethod": method,
            "tenantId": if i.is_multiple_of(3) { serde_json::Value::Null } else { format!("tenant-{}", i % 5).into() },
            "clientIp": format!("203.0.113.{}", i % 250),
            "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "parsedUserAgent": {"name": "Chrome", "os": "Mac OS", "device": "desktop"},
            "geoip": {
                "cityName": "Hangzhou", "continentCode": "AS", "countryCode2": "CN",
                "countryCode3": "CHN", "countryName": "China", "regionCode": "ZJ",
                "regionName": "Zhejiang", "timezone": "Asia/Shanghai",
                "location": {"lat": 30.29 + (i % 100) as f64 / 1000.0, "lon": 120.16}
            },
            "success": !i.is_multiple_of(7),
            "errorMessage": if i.is_multiple_of(7) { "Wrong password" } else { "" },
            "loginAt": format!("2024-05-{:02}T08:{:02}:{:02}.000Z", 1 + i % 28, i % 60, (i * 7) % 60),
        });
        size += serde_json::to_vec(&entry).expect("entry").len() + 1;
        list.push(entry);
        i += 1;
    }
    let total = list.len();
    let envelope = serde_json::json!({
        "statusCode": 200,
        "message": "success",
        "data": {"list": list, "totalCount": total},
    });
    Bytes::from(serde_json::to_vec(&envelope).expect("envelope"))
}

/// The median of `samples` (sorted in place).
pub fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    }
}

/// Result of an interleaved A/B measurement.
#[derive(Debug, Clone, Copy)]
pub struct AbResult {
    /// Median time of one A round.
    pub a: Duration,
    /// Median time of one B round.
    pub b: Duration,
    /// Median over rounds of A/B (each A round paired with the adjacent B).
    pub ratio: f64,
    /// 25th and 75th percentile of the per-pair ratios.
    pub ratio_iqr: (f64, f64),
    /// Median CPU time of the whole process (every thread: client, server,
    /// name lookups) during one A round, and during one B round.
    pub cpu_a: Duration,
    pub cpu_b: Duration,
    /// Median over rounds of A's CPU time / B's, and its IQR.
    pub cpu_ratio: f64,
    pub cpu_ratio_iqr: (f64, f64),
}

/// CPU time used so far by this process, all threads.
pub fn process_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// `f`'s wall time (as `f` measures it) and the process's CPU time
/// meanwhile.
fn timed(f: &mut impl FnMut() -> Duration) -> (Duration, Duration) {
    let cpu = process_cpu();
    let wall = f();
    (wall, process_cpu() - cpu)
}

/// Median and IQR of `values` (sorted in place).
fn median_iqr(values: &mut [f64]) -> (f64, (f64, f64)) {
    let m = median(values);
    let q = |p: f64| values[((values.len() - 1) as f64 * p).round() as usize];
    (m, (q(0.25), q(0.75)))
}

/// Times `rounds` pairs of `a()` and `b()`, alternating which goes first
/// (ABBA...), so that drift from other load on the machine hits both alike.
/// Each closure runs one round and returns how long it took.
pub fn interleaved(
    rounds: usize,
    mut a: impl FnMut() -> Duration,
    mut b: impl FnMut() -> Duration,
) -> AbResult {
    interleaved_measured(rounds, || timed(&mut a), || timed(&mut b))
}

/// [`interleaved`], for rounds that measure themselves: each closure
/// returns its round's wall time and CPU time.
pub fn interleaved_measured(
    rounds: usize,
    mut a: impl FnMut() -> (Duration, Duration),
    mut b: impl FnMut() -> (Duration, Duration),
) -> AbResult {
    let (mut a_times, mut b_times, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let (mut a_cpu, mut b_cpu, mut cpu_ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (ta, tb) = if round % 2 == 0 {
            let ta = a();
            (ta, b())
        } else {
            let tb = b();
            (a(), tb)
        };
        let secs = |d: Duration| d.as_secs_f64();
        a_times.push(secs(ta.0));
        b_times.push(secs(tb.0));
        ratios.push(secs(ta.0) / secs(tb.0));
        a_cpu.push(secs(ta.1));
        b_cpu.push(secs(tb.1));
        cpu_ratios.push(secs(ta.1) / secs(tb.1));
    }
    let (ratio, ratio_iqr) = median_iqr(&mut ratios);
    let (cpu_ratio, cpu_ratio_iqr) = median_iqr(&mut cpu_ratios);
    AbResult {
        a: Duration::from_secs_f64(median(&mut a_times)),
        b: Duration::from_secs_f64(median(&mut b_times)),
        ratio,
        ratio_iqr,
        cpu_a: Duration::from_secs_f64(median(&mut a_cpu)),
        cpu_b: Duration::from_secs_f64(median(&mut b_cpu)),
        cpu_ratio,
        cpu_ratio_iqr,
    }
}

/// Times `f` `n` times in a row on `rt`.
pub fn time_n<F, Fut>(rt: &tokio::runtime::Runtime, n: u64, mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    rt.block_on(async {
        let start = Instant::now();
        for _ in 0..n {
            f().await;
        }
        start.elapsed()
    })
}

/// Prints the machine: CPU model, core count, and the load average now.
pub fn print_machine() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("machine: {cpu}, {cores} cores; loadavg {}", load.trim());
}

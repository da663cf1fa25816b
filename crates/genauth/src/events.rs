//! Events: [`AuthenticationClient::sub_event`] subscribes to an event code
//! of the signed-in user over WebSocket and yields the events as a
//! [`Stream`]; [`AuthenticationClient::pub_event`] publishes one. With the
//! `management` feature, `ManagementClient::sub_event` subscribes to the
//! user pool's events through the same machinery.
//!
//! The user subscription URL is `<events_host><events_path>?code=<event code>&token=<access token>`,
//! as the official SDKs connect (see [`crate::protocol::ProtocolConfig::events_host`]).
//! The management one is `<events_host>/events/v1/management/sub?code=<event code>`
//! with the header `authorization: GenAuth <access key id>:<signature>`,
//! where the signature is `base64(HMAC-SHA1(access key secret, "websocket\n"))`
//! as both official SDKs sign it. The two differ only in how the handshake
//! request is built (`HandshakeAuth`); connecting, reconnecting and
//! closing are one implementation.
//!
//! A dropped connection is re-established with exponential backoff; events
//! published while it was down are not replayed. A close that refuses the
//! subscription (1008, 4xxx, an authentication reason) ends the stream with
//! [`Error::WebSocketClosed`]. Dropping the stream closes the WebSocket.
//!
//! The opening handshake is the SDK's own, so that no log sees the URL and
//! its token, or the signature; after it, tokio-tungstenite runs the
//! WebSocket.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use futures_util::{SinkExt as _, StreamExt as _};
use genauth_api::SecretString;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use url::Url;

use crate::config::ConfigError;
use crate::config::protocol::EventsSettings;
use crate::error::bounded;
use crate::{AuthenticationClient, Error, PutEventOptions, Result};

const OPERATION: &str = "sub_event";
/// Events buffered between the socket and a slow consumer. With
/// [`MAX_EVENT_BYTES`] this bounds what one stream holds in memory.
const BUFFER: usize = 64;
/// Largest event message (and frame) accepted; a larger one fails the
/// connection (counted like any other failure) instead of being buffered.
/// Events are small JSON documents; `max_response_bytes` lowers this.
const MAX_EVENT_BYTES: usize = 1024 * 1024;
/// Largest write buffer: the SDK only writes pings, pongs and a close, so
/// anything beyond this is a peer that never reads.
const MAX_WRITE_BUFFER: usize = 1024 * 1024;
/// Largest handshake response head read before giving up.
const MAX_HANDSHAKE_BYTES: usize = 16 * 1024;
/// Time allowed for the closing handshake when the stream is dropped.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(1);

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// One event received on an [`EventStream`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserEvent {
    /// The event code subscribed to.
    pub event_code: String,
    /// The message as the server sent it (normally JSON).
    pub data: String,
}

impl UserEvent {
    /// The message decoded as JSON.
    pub fn json<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(&self.data)
    }
}

/// The events of one subscription, in the order the server sent them.
///
/// Yields `Ok` events until it is dropped; after a connection loss it
/// reconnects by itself, and it ends with one `Err` only when it cannot:
///
/// - the server closed the WebSocket with a code or reason that says the
///   subscription itself is wrong (close code 1008, any 4000–4999 such as
///   GenAuth's 4001 "invalid token", or a reason about authentication):
///   [`Error::WebSocketClosed`], not retried;
/// - the server refused the handshake with a 4xx ([`Error::Http`]);
/// - `events_max_reconnect_attempts` failures in a row (the last one's error).
///
/// A connection counts as healthy, and resets the count of failures and the
/// backoff, only once it delivered an event or stayed up for the longest
/// reconnect delay: a server that accepts and drops at once is a failure
/// each time, not a success. Failures the stream recovers from are not
/// items; [`EventStream::health`] reports them. Dropping the stream closes
/// the WebSocket.
pub struct EventStream {
    receiver: mpsc::Receiver<Result<UserEvent>>,
    health: Arc<std::sync::Mutex<StreamHealth>>,
}

/// How an [`EventStream`]'s connection fared so far: the failures it
/// recovered from, which it does not yield as items.
///
/// ```no_run
/// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
/// let events = client.sub_event("authing.user.updated").await?;
/// let health = events.health();
/// if health.consecutive_failures > 0 {
///     println!("reconnecting: {:?}", health.last_failure);
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamHealth {
    /// Connections opened after the first one.
    pub reconnections: u64,
    /// Failures (dropped connections, failed reconnections) since the last
    /// healthy connection.
    pub consecutive_failures: u32,
    /// Failures since the stream started.
    pub failures: u64,
    /// The last failure's error message (never the URL, which carries the
    /// access token).
    pub last_failure: Option<String>,
}

impl EventStream {
    /// The failures and reconnections so far.
    pub fn health(&self) -> StreamHealth {
        self.health
            .lock()
            .map(|health| health.clone())
            .unwrap_or_default()
    }
}

impl std::fmt::Debug for EventStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream").finish_non_exhaustive()
    }
}

impl Stream for EventStream {
    type Item = Result<UserEvent>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.receiver.poll_recv(cx)
    }
}

/// How the opening handshake proves who subscribes.
enum HandshakeAuth {
    /// The user's access token, already in the URL's query.
    InUrl,
    /// `authorization: GenAuth <access_key_id>:<signature>`, computed again
    /// for every connection attempt (the management event stream).
    #[cfg(feature = "management")]
    Signed {
        access_key_id: String,
        access_key_secret: SecretString,
    },
}

impl HandshakeAuth {
    /// The header lines this adds to the upgrade request, each ending in
    /// CRLF; secret because they carry a credential.
    fn header_lines(&self) -> SecretString {
        match self {
            HandshakeAuth::InUrl => SecretString::from(String::new()),
            #[cfg(feature = "management")]
            HandshakeAuth::Signed {
                access_key_id,
                access_key_secret,
            } => {
                use crate::transport::signature;
                let signature = signature::websocket_signature(access_key_secret.expose_secret());
                SecretString::from(format!(
                    "Authorization: {}\r\n",
                    signature::authorization(access_key_id, &signature)
                ))
            }
        }
    }
}

/// Everything needed to (re)open the WebSocket.
struct Connection {
    /// The full URL; secret because the user stream's query carries the
    /// access token.
    url: SecretString,
    auth: HandshakeAuth,
    tls: Option<Arc<rustls::ClientConfig>>,
    websocket: WebSocketConfig,
    timeout: Duration,
}

impl Connection {
    /// A connection to `url` with the TLS of its scheme and the limits every
    /// event stream runs under.
    fn new(
        url: Url,
        auth: HandshakeAuth,
        max_response_bytes: usize,
        timeout: Duration,
    ) -> Result<Self> {
        let tls = if url.scheme() == "wss" {
            Some(tls_config()?)
        } else {
            None
        };
        let max_bytes = max_response_bytes.min(MAX_EVENT_BYTES);
        Ok(Connection {
            url: SecretString::from(String::from(url)),
            auth,
            tls,
            websocket: WebSocketConfig::default()
                .max_message_size(Some(max_bytes))
                .max_frame_size(Some(max_bytes))
                .max_write_buffer_size(MAX_WRITE_BUFFER),
            timeout,
        })
    }

    /// Opens the first connection, then hands it to a task that forwards
    /// its events and reconnects: the stream of one subscription.
    async fn subscribe(self, settings: EventsSettings, event_code: &str) -> Result<EventStream> {
        let socket = self.open().await?;
        let (sender, receiver) = mpsc::channel(BUFFER);
        let health = Arc::default();
        let subscription = Subscription {
            connection: self,
            settings,
            event_code: event_code.to_owned(),
            sender,
            health: Arc::clone(&health),
        };
        tokio::spawn(subscription.run(socket));
        Ok(EventStream { receiver, health })
    }

    async fn open(&self) -> Result<Socket> {
        match tokio::time::timeout(self.timeout, self.handshake()).await {
            Ok(outcome) => outcome,
            Err(_) => Err(websocket(format!(
                "connection timed out after {:?}",
                self.timeout
            ))),
        }
    }

    /// The opening handshake of RFC 6455, done here rather than by
    /// tungstenite: its client handshake logs the whole request, whose URL
    /// carries the access token (or whose headers the signature), at TRACE.
    /// The request on the wire is the one tungstenite sends (same request
    /// line and headers, in order, the credential header last), so servers
    /// see no difference.
    async fn handshake(&self) -> Result<Socket> {
        let url = Url::parse(self.url.expose_secret())
            .map_err(|_| websocket("invalid events URL".to_owned()))?;
        let port = url
            .port_or_known_default()
            .ok_or_else(|| websocket("invalid events URL".to_owned()))?;
        let tcp = match url.host() {
            Some(url::Host::Domain(domain)) => TcpStream::connect((domain, port)).await,
            Some(url::Host::Ipv4(ip)) => TcpStream::connect((ip, port)).await,
            Some(url::Host::Ipv6(ip)) => TcpStream::connect((ip, port)).await,
            None => return Err(websocket("invalid events URL".to_owned())),
        }
        .map_err(|e| websocket(format!("connection failed: {}", e.kind())))?;
        // Events are small and latency matters more than packet count.
        let _ = tcp.set_nodelay(true);
        let mut stream = match &self.tls {
            Some(config) => {
                let name = match url.host() {
                    Some(url::Host::Ipv4(ip)) => std::net::IpAddr::from(ip).into(),
                    Some(url::Host::Ipv6(ip)) => std::net::IpAddr::from(ip).into(),
                    _ => rustls::pki_types::ServerName::try_from(
                        url.host_str().unwrap_or_default().to_owned(),
                    )
                    .map_err(|_| websocket("invalid events host name".to_owned()))?,
                };
                let tls = tokio_rustls::TlsConnector::from(config.clone())
                    .connect(name, tcp)
                    .await
                    .map_err(|e| websocket(format!("TLS: {e}")))?;
                MaybeTlsStream::Rustls(tls)
            }
            None => MaybeTlsStream::Plain(tcp),
        };

        let key = tungstenite::handshake::client::generate_key();
        let request = handshake_request(&url, &key, &self.auth.header_lines());
        let sent = async {
            stream.write_all(request.expose_secret().as_bytes()).await?;
            stream.flush().await
        };
        sent.await
            .map_err(|e| websocket(format!("connection failed: {}", e.kind())))?;
        drop(request);

        let (status, headers, tail) = read_response_head(&mut stream).await?;
        if status != 101 {
            let content_type = headers
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(bounded);
            return Err(Error::Http {
                operation: OPERATION,
                status,
                content_type,
                excerpt: crate::call::excerpt(&tail),
            });
        }
        let has = |name: http::header::HeaderName, token: &str| {
            headers.get_all(name).iter().any(|value| {
                value.to_str().is_ok_and(|v| {
                    v.split(',')
                        .any(|part| part.trim().eq_ignore_ascii_case(token))
                })
            })
        };
        let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
        if !has(http::header::UPGRADE, "websocket")
            || !has(http::header::CONNECTION, "upgrade")
            || headers
                .get(http::header::SEC_WEBSOCKET_ACCEPT)
                .is_none_or(|value| value.as_bytes() != accept.as_bytes())
        {
            return Err(websocket(
                "protocol violation: the server did not accept the WebSocket upgrade".to_owned(),
            ));
        }
        Ok(
            WebSocketStream::from_partially_read(stream, tail, Role::Client, Some(self.websocket))
                .await,
        )
    }
}

/// The upgrade request, as tungstenite writes it for a URL, with
/// `credential_lines` (whole header lines) after its own headers; secret
/// because its request line or those lines carry a credential.
fn handshake_request(url: &Url, key: &str, credential_lines: &SecretString) -> SecretString {
    let mut target = url.path().to_owned();
    if let Some(query) = url.query() {
        target.push('?');
        target.push_str(query);
    }
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    SecretString::from(format!(
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n{}\r\n",
        credential_lines.expose_secret()
    ))
}

/// Reads the handshake response's head, at most [`MAX_HANDSHAKE_BYTES`]:
/// its status, its headers, and the bytes read after it (the start of the
/// WebSocket's frames, or of an error body).
async fn read_response_head(
    stream: &mut MaybeTlsStream<TcpStream>,
) -> Result<(u16, http::HeaderMap, Vec<u8>)> {
    let mut buffer = Vec::with_capacity(1024);
    let mut chunk = [0_u8; 4096];
    loop {
        let read = stream
            .read(&mut chunk)
            .await
            .map_err(|e| websocket(format!("connection failed: {}", e.kind())))?;
        if read == 0 {
            return Err(websocket(
                "connection closed during the handshake".to_owned(),
            ));
        }
        buffer.extend_from_slice(&chunk[..read]);
        let mut slots = [httparse::EMPTY_HEADER; 64];
        let mut response = httparse::Response::new(&mut slots);
        match response.parse(&buffer) {
            Ok(httparse::Status::Complete(length)) => {
                let status = response.code.unwrap_or_default();
                let mut headers = http::HeaderMap::new();
                for header in response.headers.iter() {
                    if let (Ok(name), Ok(value)) = (
                        http::header::HeaderName::from_bytes(header.name.as_bytes()),
                        http::HeaderValue::from_bytes(header.value),
                    ) {
                        headers.append(name, value);
                    }
                }
                return Ok((status, headers, buffer.split_off(length)));
            }
            Ok(httparse::Status::Partial) if buffer.len() < MAX_HANDSHAKE_BYTES => {}
            Ok(httparse::Status::Partial) => {
                return Err(websocket("handshake response head too large".to_owned()));
            }
            Err(_) => return Err(websocket("invalid handshake response".to_owned())),
        }
    }
}

impl AuthenticationClient {
    /// Subscribes to the signed-in user's events of `event_code` over
    /// WebSocket.
    ///
    /// Opens the connection before returning, so a refused subscription (a bad
    /// token: [`Error::Http`] 401, see [`Error::is_unauthenticated`]) or an
    /// unreachable server is this call's error. Needs the access token
    /// ([`ConfigError::MissingAccessToken`] otherwise).
    ///
    /// ```no_run
    /// use futures_util::StreamExt as _;
    ///
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let mut events = client.sub_event("authing.user.updated").await?;
    /// while let Some(event) = events.next().await {
    ///     let event = event?;
    ///     println!("{}: {}", event.event_code, event.data);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sub_event(&self, event_code: &str) -> Result<EventStream> {
        let token = self
            .access_token
            .read()
            .ok()
            .and_then(|cell| cell.clone())
            .ok_or(ConfigError::MissingAccessToken)?;
        let token = token
            .to_str()
            .map_err(|_| ConfigError::InvalidHeaderValue("access_token"))?;
        let mut url = self.config.protocol.events_url()?;
        url.query_pairs_mut()
            .append_pair("code", event_code)
            .append_pair("token", token);
        Connection::new(
            url,
            HandshakeAuth::InUrl,
            self.config.max_response_bytes,
            self.config.timeout,
        )?
        .subscribe(self.config.protocol.events(), event_code)
        .await
    }

    /// Publishes an event: [`AuthenticationClient::put_event`]
    /// (`POST /api/v3/pub-userEvent`) with `eventType` = `event_code` and
    /// `eventData` = `data` serialized as a JSON string, the body the
    /// official SDKs send.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// client
    ///     .pub_event("my.custom.event", &serde_json::json!({ "orderId": 42 }))
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn pub_event<T: Serialize + ?Sized>(
        &self,
        event_code: &str,
        data: &T,
    ) -> Result<serde_json::Value> {
        let event_data = serde_json::to_string(data).map_err(|e| Error::InvalidRequest {
            operation: "put_event",
            reason: format!("the event data does not serialize to JSON: {e}"),
        })?;
        self.put_event(event_data, event_code, PutEventOptions::default())
            .await
    }
}

#[cfg(feature = "management")]
impl crate::ManagementClient {
    /// Subscribes to the user pool's events of `event_code` over WebSocket
    /// (the management event stream), in either auth mode: the handshake is
    /// always signed with the access key.
    ///
    /// Connects to `<events_host>/events/v1/management/sub?code=<event code>`
    /// (see [`ManagementClientBuilder::events_host`](crate::management::ManagementClientBuilder::events_host))
    /// with `authorization: GenAuth <access key id>:<signature>`, the
    /// signature being `base64(HMAC-SHA1(access key secret, "websocket\n"))`
    /// as both official SDKs compute it, and signs every reconnection again.
    /// The stream behaves as the user event stream's ([`EventStream`]):
    /// reconnection with backoff, [`EventStream::health`], and an end with
    /// [`Error::WebSocketClosed`] when the server refuses the subscription
    /// (close code 1008, 4000–4999, an authentication reason). Each event's
    /// [`UserEvent::data`] is the message as the server sent it.
    ///
    /// Opens the connection before returning, so a refused key
    /// ([`Error::Http`] 401, see [`Error::is_unauthenticated`]) or an
    /// unreachable server is this call's error.
    ///
    /// ```no_run
    /// use futures_util::StreamExt as _;
    /// use genauth::management::ManagementClient;
    ///
    /// # async fn run() -> genauth::Result<()> {
    /// let client = ManagementClient::builder()
    ///     .access_key_id("62d9f2e1a5e3b5c2f1d2e3f4")
    ///     .access_key_secret("the user pool secret")
    ///     .build()?;
    /// let mut events = client.sub_event("authing.user.created").await?;
    /// while let Some(event) = events.next().await {
    ///     let event = event?;
    ///     println!("{}: {}", event.event_code, event.data);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sub_event(&self, event_code: &str) -> Result<EventStream> {
        let config = &self.config;
        let mut url = config.events_url.clone();
        url.query_pairs_mut().append_pair("code", event_code);
        let auth = HandshakeAuth::Signed {
            access_key_id: config.access_key_id.clone(),
            access_key_secret: config.access_key_secret.clone(),
        };
        Connection::new(url, auth, config.max_response_bytes, config.timeout)?
            .subscribe(config.events, event_code)
            .await
    }
}

/// The rustls config of the HTTP client's back end (the same provider and
/// trust store); `wss://` has no other TLS path.
fn tls_config() -> Result<Arc<rustls::ClientConfig>> {
    #[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
    return Ok(Arc::new(crate::transport::tls::rustls_config()?));
    #[cfg(not(any(feature = "rustls-ring", feature = "rustls-aws-lc")))]
    Err(Error::Config(ConfigError::HttpClient(
        "wss:// events need the rustls-ring or rustls-aws-lc feature".to_owned(),
    )))
}

/// Why a connection ended.
enum Ended {
    /// The caller dropped the stream.
    ReceiverGone,
    /// The server closed the subscription for a reason reconnecting cannot
    /// fix.
    Refused(Error),
    /// The connection closed, failed or went silent; reconnecting may help.
    Dropped(Error),
}

/// The task behind one [`EventStream`].
struct Subscription {
    connection: Connection,
    settings: EventsSettings,
    event_code: String,
    sender: mpsc::Sender<Result<UserEvent>>,
    health: Arc<std::sync::Mutex<StreamHealth>>,
}

impl Subscription {
    /// Forwards events until the caller goes away or the stream ends,
    /// reconnecting after drops.
    async fn run(self, mut socket: Socket) {
        // Failures since the last healthy connection: they pick the backoff
        // and end the stream at `max_reconnect_attempts`.
        let mut failures: u32 = 0;
        loop {
            let connected = Instant::now();
            let (ended, delivered) = self.pump(&mut socket).await;
            let error = match ended {
                Ended::ReceiverGone => {
                    let _ = tokio::time::timeout(CLOSE_TIMEOUT, socket.close(None)).await;
                    return;
                }
                Ended::Refused(error) => return self.finish(error).await,
                Ended::Dropped(error) => error,
            };
            // A server that accepts and drops at once must not reset the
            // backoff with every handshake.
            if delivered || connected.elapsed() >= self.settings.max_reconnect_delay {
                failures = 0;
            }
            match self.reconnect(&mut failures, error).await {
                Some(fresh) => socket = fresh,
                None => return,
            }
        }
    }

    /// Forwards events until the connection ends; also says whether it
    /// delivered any.
    async fn pump(&self, socket: &mut Socket) -> (Ended, bool) {
        let keepalive = self.settings.keepalive;
        let mut ticker = tokio::time::interval_at(Instant::now() + keepalive, keepalive);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_heard = Instant::now();
        let mut delivered = false;
        loop {
            tokio::select! {
                _ = self.sender.closed() => return (Ended::ReceiverGone, delivered),
                message = socket.next() => {
                    last_heard = Instant::now();
                    let data = match message {
                        Some(Ok(Message::Text(text))) => text.as_str().to_owned(),
                        Some(Ok(Message::Binary(bytes))) => match String::from_utf8(bytes.to_vec()) {
                            Ok(text) => text,
                            Err(_) => continue,
                        },
                        Some(Ok(Message::Close(frame))) => {
                            return (closed_by_server(frame.as_ref()), delivered);
                        }
                        Some(Err(e)) => return (Ended::Dropped(websocket_error(&e)), delivered),
                        None => {
                            let error = websocket("connection closed".to_owned());
                            return (Ended::Dropped(error), delivered);
                        }
                        // Pings are answered by tungstenite; pongs only prove life.
                        Some(Ok(_)) => continue,
                    };
                    let event = UserEvent { event_code: self.event_code.clone(), data };
                    if self.sender.send(Ok(event)).await.is_err() {
                        return (Ended::ReceiverGone, delivered);
                    }
                    delivered = true;
                }
                _ = ticker.tick() => {
                    if last_heard.elapsed() >= keepalive * 2 {
                        let error = websocket(format!("no answer to pings for {:?}", keepalive * 2));
                        return (Ended::Dropped(error), delivered);
                    }
                    if let Err(e) = socket.send(Message::Ping(Default::default())).await {
                        return (Ended::Dropped(websocket_error(&e)), delivered);
                    }
                }
            }
        }
    }

    /// A new connection after `error`, or `None` when the caller went away or
    /// the stream ended (its last error then sent to the caller).
    async fn reconnect(&self, failures: &mut u32, mut error: Error) -> Option<Socket> {
        loop {
            *failures += 1;
            self.record(|health| {
                health.failures += 1;
                health.consecutive_failures = *failures;
                health.last_failure = Some(error.to_string());
            });
            tracing::debug!(operation = OPERATION, failures = *failures, error = %error, "event stream failed");
            if *failures > self.settings.max_reconnect_attempts {
                self.finish(error).await;
                return None;
            }
            let delay = backoff(&self.settings, *failures);
            tokio::select! {
                _ = self.sender.closed() => return None,
                _ = tokio::time::sleep(delay) => {}
            }
            let outcome = tokio::select! {
                _ = self.sender.closed() => return None,
                outcome = self.connection.open() => outcome,
            };
            match outcome {
                Ok(socket) => {
                    self.record(|health| health.reconnections += 1);
                    return Some(socket);
                }
                Err(refused) if is_final(&refused) => {
                    self.finish(refused).await;
                    return None;
                }
                Err(failed) => error = failed,
            }
        }
    }

    /// Ends the stream with `error` as its last item.
    async fn finish(&self, error: Error) {
        self.record(|health| health.last_failure = Some(error.to_string()));
        tracing::debug!(operation = OPERATION, error = %error, "event stream ended");
        let _ = self.sender.send(Err(error)).await;
    }

    fn record(&self, update: impl FnOnce(&mut StreamHealth)) {
        if let Ok(mut health) = self.health.lock() {
            update(&mut health);
        }
    }
}

/// What a close frame from the server means: a refusal when its code or
/// reason says the subscription itself is wrong (1008 policy violation,
/// 4000–4999 application codes such as 4001 "invalid token", or a reason
/// about authentication), a drop to recover from otherwise (1000, 1001
/// going away, 1011, 1012 restart, 1013 try again later, ...).
fn closed_by_server(frame: Option<&tungstenite::protocol::CloseFrame>) -> Ended {
    let Some(frame) = frame else {
        return Ended::Dropped(websocket(
            "closed by the server without a close code".to_owned(),
        ));
    };
    let code = u16::from(frame.code);
    let reason = bounded(frame.reason.as_str());
    let refused = frame.code == CloseCode::Policy
        || (4000..5000).contains(&code)
        || crate::error::mentions_authentication(&reason);
    if refused {
        Ended::Refused(Error::WebSocketClosed {
            operation: OPERATION,
            code,
            reason,
        })
    } else {
        Ended::Dropped(websocket(format!("closed by the server: {code} {reason}")))
    }
}

/// The first delay doubled per attempt up to the maximum, with jitter in its
/// upper half so that many clients do not reconnect in step.
fn backoff(settings: &EventsSettings, attempt: u32) -> Duration {
    let ceiling = settings
        .reconnect_delay
        .saturating_mul(1 << attempt.saturating_sub(1).min(16))
        .min(settings.max_reconnect_delay);
    let millis = ceiling.as_millis() as u64;
    Duration::from_millis(rand::random_range(millis / 2..=millis))
}

/// A refusal that retrying will not fix: a 4xx other than 408 and 429.
fn is_final(error: &Error) -> bool {
    match error {
        Error::Http { status, .. } => (400..500).contains(status) && !matches!(status, 408 | 429),
        _ => false,
    }
}

fn websocket(reason: String) -> Error {
    Error::WebSocket {
        operation: OPERATION,
        reason: bounded(&reason),
    }
}

/// A WebSocket error without its URL (which carries the access token).
fn websocket_error(error: &tungstenite::Error) -> Error {
    use tungstenite::Error as E;
    let reason = match error {
        E::Http(response) => {
            let content_type = response
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(bounded);
            return Error::Http {
                operation: OPERATION,
                status: response.status().as_u16(),
                content_type,
                excerpt: crate::call::excerpt(response.body().as_deref().unwrap_or_default()),
            };
        }
        E::Io(io) => format!("connection failed: {}", io.kind()),
        E::Tls(tls) => format!("TLS: {tls}"),
        E::Url(_) => "invalid events URL".to_owned(),
        E::Capacity(capacity) => format!("message too large: {capacity}"),
        E::Protocol(protocol) => format!("protocol violation: {protocol}"),
        E::ConnectionClosed | E::AlreadyClosed => "connection closed".to_owned(),
        E::HttpFormat(_) => "invalid handshake request".to_owned(),
        _ => "connection failed".to_owned(),
    };
    websocket(reason)
}

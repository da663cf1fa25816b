//! User events: [`AuthenticationClient::sub_event`] subscribes to an event
//! code over WebSocket and yields the events as a [`Stream`];
//! [`AuthenticationClient::pub_event`] publishes one.
//!
//! The subscription URL is `<events_host><events_path>?code=<event code>&token=<access token>`,
//! as the official SDKs connect (see [`crate::protocol::ProtocolConfig::events_host`]).
//! A dropped connection is re-established with exponential backoff; events
//! published while it was down are not replayed. Dropping the stream closes
//! the WebSocket.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use futures_util::{SinkExt as _, StreamExt as _};
use genauth_api::SecretString;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{Connector, MaybeTlsStream, WebSocketStream};

use crate::config::ConfigError;
use crate::config::protocol::EventsSettings;
use crate::{AuthenticationClient, Error, PutEventOptions, Result};

const OPERATION: &str = "sub_event";
/// Events buffered between the socket and a slow consumer.
const BUFFER: usize = 64;
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
/// reconnects by itself, and it ends with one `Err` only when it cannot
/// (the server refused the handshake, or the reconnection attempts ran out).
/// Dropping it closes the WebSocket.
pub struct EventStream {
    receiver: mpsc::Receiver<Result<UserEvent>>,
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

/// Everything needed to (re)open the WebSocket.
struct Connection {
    /// The full URL; secret because its query carries the access token.
    url: SecretString,
    /// `None`: tokio-tungstenite's own choice (the `native-tls` back end).
    tls: Option<Connector>,
    websocket: WebSocketConfig,
    timeout: Duration,
}

impl Connection {
    async fn open(&self) -> Result<Socket> {
        let request = self
            .url
            .expose_secret()
            .into_client_request()
            .map_err(|e| websocket_error(&e))?;
        let connect = tokio_tungstenite::connect_async_tls_with_config(
            request,
            Some(self.websocket),
            true,
            self.tls.clone(),
        );
        match tokio::time::timeout(self.timeout, connect).await {
            Ok(Ok((socket, _response))) => Ok(socket),
            Ok(Err(e)) => Err(websocket_error(&e)),
            Err(_) => Err(Error::WebSocket {
                operation: OPERATION,
                reason: format!("connection timed out after {:?}", self.timeout),
            }),
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
        let tls = if url.scheme() == "wss" {
            tls_connector()?
        } else {
            Some(Connector::Plain)
        };
        let max_bytes = self.config.max_response_bytes;
        let connection = Connection {
            url: SecretString::from(String::from(url)),
            tls,
            websocket: WebSocketConfig::default()
                .max_message_size(Some(max_bytes))
                .max_frame_size(Some(max_bytes)),
            timeout: self.config.timeout,
        };
        let socket = connection.open().await?;
        let (sender, receiver) = mpsc::channel(BUFFER);
        let settings = self.config.protocol.events();
        tokio::spawn(run(
            socket,
            connection,
            settings,
            event_code.to_owned(),
            sender,
        ));
        Ok(EventStream { receiver })
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

/// The TLS back end of the HTTP client: with rustls the same provider and
/// trust store; with `native-tls`, tokio-tungstenite's (`None`).
fn tls_connector() -> Result<Option<Connector>> {
    #[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
    return Ok(Some(Connector::Rustls(std::sync::Arc::new(
        crate::transport::tls::rustls_config()?,
    ))));
    #[cfg(not(any(feature = "rustls-ring", feature = "rustls-aws-lc")))]
    Ok(None)
}

/// Why the pump stopped.
enum Pumped {
    /// The caller dropped the stream.
    ReceiverGone,
    /// The connection closed, failed or went silent.
    Dropped,
}

/// Forwards events until the caller goes away, reconnecting after drops.
async fn run(
    mut socket: Socket,
    connection: Connection,
    settings: EventsSettings,
    event_code: String,
    sender: mpsc::Sender<Result<UserEvent>>,
) {
    loop {
        match pump(&mut socket, &sender, &event_code, settings.keepalive).await {
            Pumped::ReceiverGone => {
                let _ = tokio::time::timeout(CLOSE_TIMEOUT, socket.close(None)).await;
                return;
            }
            Pumped::Dropped => {
                tracing::debug!(operation = OPERATION, "event stream dropped; reconnecting");
            }
        }
        match reconnect(&connection, &settings, &sender).await {
            Some(fresh) => socket = fresh,
            None => return,
        }
    }
}

async fn pump(
    socket: &mut Socket,
    sender: &mpsc::Sender<Result<UserEvent>>,
    event_code: &str,
    keepalive: Duration,
) -> Pumped {
    let mut ticker = tokio::time::interval_at(Instant::now() + keepalive, keepalive);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_heard = Instant::now();
    loop {
        tokio::select! {
            _ = sender.closed() => return Pumped::ReceiverGone,
            message = socket.next() => {
                last_heard = Instant::now();
                let data = match message {
                    Some(Ok(Message::Text(text))) => text.as_str().to_owned(),
                    Some(Ok(Message::Binary(bytes))) => match String::from_utf8(bytes.to_vec()) {
                        Ok(text) => text,
                        Err(_) => continue,
                    },
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return Pumped::Dropped,
                    // Pings are answered by tungstenite; pongs only prove life.
                    Some(Ok(_)) => continue,
                };
                let event = UserEvent { event_code: event_code.to_owned(), data };
                if sender.send(Ok(event)).await.is_err() {
                    return Pumped::ReceiverGone;
                }
            }
            _ = ticker.tick() => {
                if last_heard.elapsed() >= keepalive * 2 {
                    return Pumped::Dropped;
                }
                if socket.send(Message::Ping(Default::default())).await.is_err() {
                    return Pumped::Dropped;
                }
            }
        }
    }
}

/// A new connection, or `None` when the caller went away or the attempts ran
/// out (the last error is then sent to the caller).
async fn reconnect(
    connection: &Connection,
    settings: &EventsSettings,
    sender: &mpsc::Sender<Result<UserEvent>>,
) -> Option<Socket> {
    if settings.max_reconnect_attempts == 0 {
        let closed = Error::WebSocket {
            operation: OPERATION,
            reason: "connection lost and reconnection is disabled".to_owned(),
        };
        let _ = sender.send(Err(closed)).await;
        return None;
    }
    let mut attempt = 0;
    loop {
        attempt += 1;
        let delay = backoff(settings, attempt);
        tokio::select! {
            _ = sender.closed() => return None,
            _ = tokio::time::sleep(delay) => {}
        }
        let outcome = tokio::select! {
            _ = sender.closed() => return None,
            outcome = connection.open() => outcome,
        };
        match outcome {
            Ok(socket) => return Some(socket),
            Err(error) if is_final(&error) || attempt >= settings.max_reconnect_attempts => {
                let _ = sender.send(Err(error)).await;
                return None;
            }
            Err(error) => {
                tracing::debug!(operation = OPERATION, attempt, error = %error, "event stream reconnection failed");
            }
        }
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

/// A WebSocket error without its URL (which carries the access token).
fn websocket_error(error: &tungstenite::Error) -> Error {
    use tungstenite::Error as E;
    let reason = match error {
        E::Http(response) => {
            let content_type = response
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
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
    Error::WebSocket {
        operation: OPERATION,
        reason,
    }
}

//! [`GenAuthEmulator`]: a stateful GenAuth for scan-code and push-code login.

mod server;
mod state;

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::oneshot;

use state::{Config, State};

/// The application id the emulator expects unless the builder sets another.
pub const DEFAULT_APP_ID: &str = "genauth-mock-app-id";

/// The application secret the emulator expects unless the builder sets
/// another.
pub const DEFAULT_APP_SECRET: &str = "genauth-mock-app-secret";

/// The access key id the emulator's management token endpoint expects unless
/// the builder sets another.
pub const DEFAULT_ACCESS_KEY_ID: &str = "genauth-mock-access-key-id";

/// The access key secret the emulator's management token endpoint expects
/// unless the builder sets another.
pub const DEFAULT_ACCESS_KEY_SECRET: &str = "genauth-mock-access-key-secret";

/// The user pool the emulator's management tokens are scoped to unless the
/// builder sets another.
pub const DEFAULT_USERPOOL_ID: &str = "genauth-mock-userpool-id";

/// How long QR codes and push codes live unless the builder says otherwise.
pub const DEFAULT_CODE_TTL: Duration = Duration::from_secs(120);

/// An in-process GenAuth that enforces the state machine of scan-code login
/// (`gene_qr_code`, `check_qr_code_status`, `get_qr_code_status`,
/// `change_qr_code_status`, `set_qr_code_status`,
/// `exchange_token_set_with_qr_code_ticket`) and push login
/// (`sign_in_by_push`, `check_push_code_status`, `change_push_code_status`,
/// `set_push_code_status`), at the spec's paths, over real HTTP on
/// `127.0.0.1`.
///
/// # Rules
/// - Every request needs `x-genauth-app-id` set to the application id
///   ([`API_CODE_INVALID_APP_ID`](crate::API_CODE_INVALID_APP_ID) otherwise).
/// - A QR code (only `type: MOBILE_APP`) starts `PENDING`. `SCAN` moves it to
///   `SCANNED`; then `CONFIRM` moves it to `AUTHORIZED` and
///   `CANCEL` to `CANCELLED`, and only the user who scanned may do either.
///   `CONFIRM`/`CANCEL` before `SCAN` fail with
///   [`API_CODE_QR_CODE_NOT_SCANNED`](crate::API_CODE_QR_CODE_NOT_SCANNED);
///   other moves with
///   [`API_CODE_INVALID_STATUS_TRANSITION`](crate::API_CODE_INVALID_STATUS_TRANSITION).
/// - A `PENDING` or `SCANNED` code expires after the QR code TTL: its status
///   reads `EXPIRED` and actions fail with
///   [`API_CODE_QR_CODE_EXPIRED`](crate::API_CODE_QR_CODE_EXPIRED).
///   `AUTHORIZED` and `CANCELLED` are final and do not expire.
/// - `gene_qr_code` answers a `url` under [`base_url`](Self::base_url) that
///   the emulator does not serve: there is no image, only the `qrcodeId`.
/// - Once `AUTHORIZED`, the status carries a `ticket` (and `briefUserInfo`),
///   which `exchange_token_set_with_qr_code_ticket` exchanges once for a token
///   set; a second exchange fails with
///   [`API_CODE_INVALID_TICKET`](crate::API_CODE_INVALID_TICKET). The client
///   may authenticate as `client_secret_post`, `client_secret_basic` or
///   `none`; wrong credentials fail with
///   [`API_CODE_INVALID_CLIENT`](crate::API_CODE_INVALID_CLIENT).
/// - `sign_in_by_push` creates a `PUSHED` code for an account registered with
///   [`register_push_account`](Self::register_push_account); that account's
///   user may `CONFIRM` (→ `AUTHORIZED`, and `check_push_code_status` then
///   carries the `tokenSet`) or `CANCEL` (→ `CANCELLED`) it until it expires.
/// - The status-changing calls need a signed-in user: `Authorization` set to a
///   token from [`sign_in_user`](Self::sign_in_user) or from an issued token
///   set, raw, without `Bearer ` (statusCode 401,
///   [`API_CODE_UNAUTHENTICATED`](crate::API_CODE_UNAUTHENTICATED)).
/// - Failures are HTTP 200 with `{statusCode, message, apiCode, requestId}`, as
///   GenAuth answers (see
///   [`mirror_status_code_in_http_status`](GenAuthEmulatorBuilder::mirror_status_code_in_http_status)).
///   A path that is no operation of the spec gets HTTP 404, an operation the
///   emulator does not emulate HTTP 501.
/// - The Management API's token exchange, `POST /api/v3/get-management-token`
///   with `{accessKeyId, accessKeySecret}`, answers
///   [`management_token`](crate::management::management_token)`(`[`userpool_id`](Self::userpool_id)`)`
///   for the emulator's access key (no `x-genauth-app-id` needed), and
///   statusCode 401 with
///   [`API_CODE_INVALID_ACCESS_KEY`](crate::API_CODE_INVALID_ACCESS_KEY) for
///   any other. The emulator serves no other management operation: mount
///   those on an httpmock server with
///   [`ManagementMockServerExt`](crate::management) (feature `management`).
///
/// Time is the real clock plus whatever [`advance`](Self::advance) added, so a
/// test expires codes without sleeping. The server stops when the emulator is
/// dropped.
///
/// # Example
///
/// A scan-code login in a test, with the generated client:
///
/// ```
/// use std::sync::Arc;
///
/// use genauth_api::types;
/// use genauth_mock::GenAuthEmulator;
/// use reqwest::header::{HeaderMap, HeaderValue};
///
/// /// A client that sends the app id, and the user's token if there is one.
/// fn client(emulator: &GenAuthEmulator, access_token: Option<&str>) -> genauth_api::Client {
///     let mut headers = HeaderMap::new();
///     headers.insert("x-genauth-app-id", HeaderValue::from_str(emulator.app_id()).unwrap());
///     if let Some(token) = access_token {
///         headers.insert("authorization", HeaderValue::from_str(token).unwrap());
///     }
///     let http = reqwest::Client::builder().default_headers(headers).build().unwrap();
///     genauth_api::Client::new_with_client(&emulator.base_url(), http.clone(), Arc::new(http))
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// #     // reqwest is built with `rustls-no-provider`.
/// #     let _ = rustls::crypto::ring::default_provider().install_default();
/// #     scan_code_login().await;
/// # }
/// # /*
/// #[tokio::test]
/// # */
/// async fn scan_code_login() {
///     let emulator = GenAuthEmulator::start();
///     let web = client(&emulator, None);
///     let app_token = emulator.sign_in_user("alice");
///     let app = client(&emulator, Some(&app_token));
///
///     // The web page shows a QR code ...
///     let qr = web
///         .gene_qr_code(&types::GenerateQrcodeDto {
///             type_: types::GenerateQrcodeDtoType::MobileApp,
///             auto_merge_qr_code: None,
///             context: None,
///             custom_data: None,
///             ext_idp_conn_id: None,
///         })
///         .await
///         .unwrap()
///         .into_inner();
///     let qrcode_id = qr.data.unwrap().qrcode_id.unwrap();
///
///     // ... the signed-in app scans and confirms it ...
///     for action in [
///         types::ChangeQrCodeStatusDtoAction::Scan,
///         types::ChangeQrCodeStatusDtoAction::Confirm,
///     ] {
///         let answer = app
///             .set_qr_code_status(&types::ChangeQrCodeStatusDto {
///                 action,
///                 qrcode_id: qrcode_id.clone(),
///             })
///             .await
///             .unwrap()
///             .into_inner();
///         assert_eq!(answer.status_code, 200);
///     }
///
///     // ... and the page, polling, gets a ticket to exchange for tokens.
///     let status = web.get_qr_code_status(&qrcode_id).await.unwrap().into_inner();
///     let status = status.data.unwrap();
///     assert_eq!(status.status.as_deref(), Some("AUTHORIZED"));
///     let tokens = web
///         .exchange_token_set_with_qr_code_ticket(&types::ExchangeTokenSetWithQRcodeTicketDto {
///             ticket: status.ticket.unwrap(),
///             client_id: Some(emulator.app_id().to_owned()),
///             client_secret: Some(emulator.app_secret().into()),
///         })
///         .await
///         .unwrap()
///         .into_inner();
///     assert_eq!(tokens.status_code, 200);
///     assert!(tokens.data.unwrap().access_token.is_some());
/// }
/// ```
pub struct GenAuthEmulator {
    base_url: String,
    app_id: String,
    app_secret: String,
    access_key_id: String,
    access_key_secret: String,
    userpool_id: String,
    state: Arc<Mutex<State>>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl GenAuthEmulator {
    /// An emulator with the defaults ([`DEFAULT_APP_ID`],
    /// [`DEFAULT_APP_SECRET`], [`DEFAULT_CODE_TTL`]), listening on a free port.
    ///
    /// Works with or without an async runtime: the server has its own thread.
    ///
    /// # Panics
    /// If no port can be bound on 127.0.0.1; see [`GenAuthEmulatorBuilder::try_start`].
    pub fn start() -> Self {
        Self::builder().start()
    }

    /// Configures an emulator.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let emulator = genauth_mock::GenAuthEmulator::builder()
    ///     .app_id("my-app")
    ///     .app_secret("my-secret")
    ///     .qr_code_ttl(Duration::from_secs(30))
    ///     .start();
    /// assert_eq!(emulator.app_id(), "my-app");
    /// ```
    pub fn builder() -> GenAuthEmulatorBuilder {
        GenAuthEmulatorBuilder::default()
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash: the host to give
    /// the client.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The application id expected in `x-genauth-app-id`.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The application secret expected from `client_secret_basic` and
    /// `client_secret_post`.
    pub fn app_secret(&self) -> &str {
        &self.app_secret
    }

    /// The access key id the management token endpoint expects.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The access key secret the management token endpoint expects.
    pub fn access_key_secret(&self) -> &str {
        &self.access_key_secret
    }

    /// The user pool the management tokens are scoped to
    /// (`scoped_userpool_id`), which a `ManagementClient` then sends as
    /// `x-genauth-userpool-id`.
    pub fn userpool_id(&self) -> &str {
        &self.userpool_id
    }

    /// The management token the token endpoint answers:
    /// [`management_token`](crate::management::management_token)`(self.userpool_id())`.
    ///
    /// ```
    /// let emulator = genauth_mock::GenAuthEmulator::start();
    /// assert_eq!(
    ///     emulator.management_token(),
    ///     genauth_mock::management::management_token(genauth_mock::DEFAULT_USERPOOL_ID),
    /// );
    /// ```
    pub fn management_token(&self) -> String {
        crate::management::management_token(&self.userpool_id)
    }

    /// Signs `account` in (as the mobile app would be) and returns a fresh
    /// access token for the `Authorization` header.
    ///
    /// ```
    /// let emulator = genauth_mock::GenAuthEmulator::start();
    /// let first = emulator.sign_in_user("alice");
    /// let second = emulator.sign_in_user("alice");
    /// assert_ne!(first, second); // both valid
    /// ```
    pub fn sign_in_user(&self, account: &str) -> String {
        self.lock().sign_in_user(account)
    }

    /// Lets `sign_in_by_push` push to `account` (a username, phone number or
    /// email). Its user confirms with a token from
    /// [`sign_in_user`](Self::sign_in_user)`(account)`.
    pub fn register_push_account(&self, account: &str) {
        self.lock().register_push_account(account);
    }

    /// Moves the emulator's clock forward: codes whose TTL has passed read
    /// `EXPIRED`.
    ///
    /// ```
    /// use std::time::Duration;
    /// # let emulator = genauth_mock::GenAuthEmulator::start();
    /// emulator.advance(genauth_mock::DEFAULT_CODE_TTL + Duration::from_secs(1));
    /// ```
    pub fn advance(&self, by: Duration) {
        self.lock().advance(by);
    }

    /// The status of a QR code now, as `get_qr_code_status` would report it;
    /// `None` for an unknown id.
    pub fn qr_code_status(&self, qrcode_id: &str) -> Option<QrCodeStatus> {
        self.lock().qr_code_status(qrcode_id)
    }

    /// The status of a push code now, as `check_push_code_status` would report
    /// it; `None` for an unknown id.
    pub fn push_code_status(&self, push_code_id: &str) -> Option<PushCodeStatus> {
        self.lock().push_code_status(push_code_id)
    }

    /// Every request received so far, in order, rejected ones included.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests()
    }

    /// The requests received so far for one operation (a spec operationId,
    /// e.g. `"set_qr_code_status"`).
    pub fn requests_for(&self, operation_id: &str) -> Vec<RecordedRequest> {
        self.requests()
            .into_iter()
            .filter(|request| request.operation_id == Some(operation_id))
            .collect()
    }

    /// Stops the server and waits for its thread; dropping the emulator does
    /// the same.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            // The server may already have stopped: nothing to tell then.
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            // The server thread only stops its runtime; it does not panic, and
            // a panic there must not become a second panic in a drop.
            let _ = thread.join();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for GenAuthEmulator {
    fn drop(&mut self) {
        self.stop();
    }
}

impl fmt::Debug for GenAuthEmulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenAuthEmulator")
            .field("base_url", &self.base_url)
            .field("app_id", &self.app_id)
            .finish_non_exhaustive()
    }
}

/// Configures a [`GenAuthEmulator`]; from [`GenAuthEmulator::builder`].
#[derive(Clone)]
pub struct GenAuthEmulatorBuilder {
    config: Config,
}

impl Default for GenAuthEmulatorBuilder {
    fn default() -> Self {
        Self {
            config: Config {
                app_id: DEFAULT_APP_ID.to_owned(),
                app_secret: DEFAULT_APP_SECRET.to_owned(),
                access_key_id: DEFAULT_ACCESS_KEY_ID.to_owned(),
                access_key_secret: DEFAULT_ACCESS_KEY_SECRET.to_owned(),
                userpool_id: DEFAULT_USERPOOL_ID.to_owned(),
                qr_code_ttl: DEFAULT_CODE_TTL,
                push_code_ttl: DEFAULT_CODE_TTL,
                require_client_authentication: false,
                mirror_status_code_in_http_status: false,
            },
        }
    }
}

impl fmt::Debug for GenAuthEmulatorBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenAuthEmulatorBuilder")
            .field("app_id", &self.config.app_id)
            .field("app_secret", &"***")
            .field("access_key_id", &self.config.access_key_id)
            .field("access_key_secret", &"***")
            .field("userpool_id", &self.config.userpool_id)
            .field("qr_code_ttl", &self.config.qr_code_ttl)
            .field("push_code_ttl", &self.config.push_code_ttl)
            .field(
                "require_client_authentication",
                &self.config.require_client_authentication,
            )
            .field(
                "mirror_status_code_in_http_status",
                &self.config.mirror_status_code_in_http_status,
            )
            .finish()
    }
}

impl GenAuthEmulatorBuilder {
    /// The application id to expect in `x-genauth-app-id` (and as `client_id`).
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.config.app_id = app_id.into();
        self
    }

    /// The application secret to expect from `client_secret_basic` and
    /// `client_secret_post`.
    pub fn app_secret(mut self, app_secret: impl Into<String>) -> Self {
        self.config.app_secret = app_secret.into();
        self
    }

    /// The access key id the management token endpoint expects (default
    /// [`DEFAULT_ACCESS_KEY_ID`]).
    pub fn access_key_id(mut self, access_key_id: impl Into<String>) -> Self {
        self.config.access_key_id = access_key_id.into();
        self
    }

    /// The access key secret the management token endpoint expects (default
    /// [`DEFAULT_ACCESS_KEY_SECRET`]).
    pub fn access_key_secret(mut self, access_key_secret: impl Into<String>) -> Self {
        self.config.access_key_secret = access_key_secret.into();
        self
    }

    /// The user pool the management tokens are scoped to (default
    /// [`DEFAULT_USERPOOL_ID`]).
    pub fn userpool_id(mut self, userpool_id: impl Into<String>) -> Self {
        self.config.userpool_id = userpool_id.into();
        self
    }

    /// How long a QR code stays `PENDING` or `SCANNED` before it reads
    /// `EXPIRED` (default [`DEFAULT_CODE_TTL`]).
    pub fn qr_code_ttl(mut self, ttl: Duration) -> Self {
        self.config.qr_code_ttl = ttl;
        self
    }

    /// How long a push code stays `PUSHED` before it reads `EXPIRED` (default
    /// [`DEFAULT_CODE_TTL`]); `sign_in_by_push` reports it in whole seconds as
    /// `expireTime`.
    pub fn push_code_ttl(mut self, ttl: Duration) -> Self {
        self.config.push_code_ttl = ttl;
        self
    }

    /// Rejects a ticket exchange that authenticates the client with `none`
    /// (neither `client_secret_basic` nor `client_secret_post`), as an
    /// application configured for a secret does. Off by default.
    pub fn require_client_authentication(mut self, required: bool) -> Self {
        self.config.require_client_authentication = required;
        self
    }

    /// Answers failures with the HTTP status equal to `statusCode` instead of
    /// 200, to test that a client reads the envelope either way. Off by
    /// default, as GenAuth usually answers 200.
    pub fn mirror_status_code_in_http_status(mut self, mirror: bool) -> Self {
        self.config.mirror_status_code_in_http_status = mirror;
        self
    }

    /// Starts the server on `127.0.0.1` on a free port.
    ///
    /// # Panics
    /// If [`try_start`](Self::try_start) fails.
    pub fn start(self) -> GenAuthEmulator {
        self.try_start()
            .unwrap_or_else(|e| panic!("cannot start the GenAuth emulator: {e}"))
    }

    /// Starts the server on `127.0.0.1` on a free port, on a thread of its own.
    ///
    /// # Errors
    /// If no port can be bound, or the thread or its runtime cannot start.
    pub fn try_start(self) -> std::io::Result<GenAuthEmulator> {
        let listener = std::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        listener.set_nonblocking(true)?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Mutex::new(State::new(
            self.config.clone(),
            base_url.clone(),
        )));

        let (shutdown, shutdown_rx) = oneshot::channel();
        let (ready, ready_rx) = std::sync::mpsc::channel::<std::io::Result<()>>();
        let server_state = Arc::clone(&state);
        let thread = std::thread::Builder::new()
            .name("genauth-emulator".to_owned())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = ready.send(Err(e));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => {
                            let _ = ready.send(Ok(()));
                            server::serve(listener, server_state, shutdown_rx).await;
                        }
                        Err(e) => {
                            let _ = ready.send(Err(e));
                        }
                    }
                });
            })?;
        let started = ready_rx.recv().unwrap_or_else(|_| {
            Err(std::io::Error::other(
                "the emulator thread stopped before it started serving",
            ))
        });
        if let Err(e) = started {
            let _ = thread.join();
            return Err(e);
        }
        Ok(GenAuthEmulator {
            base_url,
            app_id: self.config.app_id,
            app_secret: self.config.app_secret,
            access_key_id: self.config.access_key_id,
            access_key_secret: self.config.access_key_secret,
            userpool_id: self.config.userpool_id,
            state,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }
}

/// A QR code's status, as `check_qr_code_status` / `get_qr_code_status`
/// report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QrCodeStatus {
    /// `PENDING`: not scanned yet.
    Pending,
    /// `SCANNED`: scanned, waiting for the user to confirm or cancel.
    Scanned,
    /// `AUTHORIZED`: confirmed; the status carries a ticket.
    Authorized,
    /// `CANCELLED`: the user cancelled.
    Cancelled,
    /// `EXPIRED`: not confirmed or cancelled in time.
    Expired,
}

impl QrCodeStatus {
    /// The wire value, e.g. `"SCANNED"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Scanned => "SCANNED",
            Self::Authorized => "AUTHORIZED",
            Self::Cancelled => "CANCELLED",
            Self::Expired => "EXPIRED",
        }
    }
}

impl fmt::Display for QrCodeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A push code's status, as `check_push_code_status` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PushCodeStatus {
    /// `PUSHED`: sent to the user's app, waiting for an answer.
    Pushed,
    /// `AUTHORIZED`: confirmed; the status carries the token set.
    Authorized,
    /// `CANCELLED`: the user cancelled.
    Cancelled,
    /// `EXPIRED`: not answered in time.
    Expired,
}

impl PushCodeStatus {
    /// The wire value, e.g. `"PUSHED"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pushed => "PUSHED",
            Self::Authorized => "AUTHORIZED",
            Self::Cancelled => "CANCELLED",
            Self::Expired => "EXPIRED",
        }
    }
}

impl fmt::Display for PushCodeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One request the emulator received, as it arrived.
///
/// `Debug` leaves out header values and the body, which carry tokens and
/// secrets.
#[derive(Clone)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// Upper-case HTTP method.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Headers in arrival order, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
    /// The spec operationId the method and path matched, if any.
    pub operation_id: Option<&'static str>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The first value of query parameter `name`, decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        let query = self.query.as_deref()?;
        form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }

    /// The body as JSON, if it is JSON.
    pub fn json_body(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("operation_id", &self.operation_id)
            .field("header_names", &header_names)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

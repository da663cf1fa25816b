//! The emulator's state machine: one method per emulated operation, each a
//! pure function of the state and the recorded request. No I/O here, and no
//! panics on request data: everything the client sends is checked and a bad
//! value becomes a failure envelope.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::time::{Duration, Instant};

use base64::Engine as _;
use genauth_api::types;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::{PushCodeStatus, QrCodeStatus, RecordedRequest};
use crate::api_code::*;
use crate::envelope::error_envelope_with_request_id;

/// `expire_in` of the token sets the emulator issues: 14 days, in seconds.
pub(crate) const TOKEN_EXPIRES_IN_SECONDS: i64 = 14 * 24 * 3600;

/// The operationId of the Management API's token exchange, as recorded.
pub(crate) const MANAGEMENT_TOKEN_OPERATION: &str = "get_management_token";

/// Largest request body the emulator reads.
pub(crate) const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What the builder fixed before the server started.
#[derive(Clone)]
pub(crate) struct Config {
    pub app_id: String,
    pub app_secret: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    pub userpool_id: String,
    pub qr_code_ttl: Duration,
    pub push_code_ttl: Duration,
    pub require_client_authentication: bool,
    pub mirror_status_code_in_http_status: bool,
}

/// An HTTP answer: status and JSON body.
pub(crate) struct Reply {
    pub http_status: u16,
    pub body: Value,
}

/// A rejected request: the envelope fields, and an HTTP status other than 200
/// for the failures that are not business errors (unknown route).
struct Failure {
    status_code: u16,
    api_code: i64,
    message: String,
    http_status: Option<u16>,
}

impl Failure {
    fn new(status_code: u16, api_code: i64, message: impl Into<String>) -> Self {
        Self {
            status_code,
            api_code,
            message: message.into(),
            http_status: None,
        }
    }

    fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(400, API_CODE_INVALID_REQUEST, message)
    }

    fn with_http_status(mut self, http_status: u16) -> Self {
        self.http_status = Some(http_status);
        self
    }
}

type Outcome = Result<Value, Failure>;

struct QrCode {
    status: QrCodeStatus,
    /// `None`: a TTL too long to represent never runs out.
    expires_at: Option<Instant>,
    scanned_by: Option<String>,
    ticket: Option<String>,
}

impl QrCode {
    /// Codes still waiting for the user expire; a final status stays.
    fn refresh(&mut self, now: Instant) {
        if matches!(self.status, QrCodeStatus::Pending | QrCodeStatus::Scanned)
            && self.expires_at.is_some_and(|deadline| now >= deadline)
        {
            self.status = QrCodeStatus::Expired;
        }
    }
}

struct PushCode {
    account: String,
    scope: String,
    status: PushCodeStatus,
    /// `None`: a TTL too long to represent never runs out.
    expires_at: Option<Instant>,
    token_set: Option<types::LoginTokenResponseDataDto>,
}

impl PushCode {
    fn refresh(&mut self, now: Instant) {
        if self.status == PushCodeStatus::Pushed
            && self.expires_at.is_some_and(|deadline| now >= deadline)
        {
            self.status = PushCodeStatus::Expired;
        }
    }
}

struct Ticket {
    account: String,
    used: bool,
}

pub(crate) struct State {
    config: Config,
    base_url: String,
    /// Added to the real clock by `GenAuthEmulator::advance`.
    clock_offset: Duration,
    /// Random per emulator, so tokens and ids of two emulators never collide.
    prefix: String,
    next_id: u64,
    /// Access token -> account.
    access_tokens: HashMap<String, String>,
    push_accounts: HashSet<String>,
    qr_codes: HashMap<String, QrCode>,
    tickets: HashMap<String, Ticket>,
    push_codes: HashMap<String, PushCode>,
    requests: Vec<RecordedRequest>,
}

impl State {
    pub(crate) fn new(config: Config, base_url: String) -> Self {
        let prefix = format!("{:08x}", RandomState::new().hash_one(&base_url) as u32);
        Self {
            config,
            base_url,
            clock_offset: Duration::ZERO,
            prefix,
            next_id: 1,
            access_tokens: HashMap::new(),
            push_accounts: HashSet::new(),
            qr_codes: HashMap::new(),
            tickets: HashMap::new(),
            push_codes: HashMap::new(),
            requests: Vec::new(),
        }
    }

    fn now(&self) -> Instant {
        let real = Instant::now();
        real.checked_add(self.clock_offset).unwrap_or(real)
    }

    fn next(&mut self, kind: &str) -> String {
        let id = format!("mock-{kind}-{}-{}", self.prefix, self.next_id);
        self.next_id += 1;
        id
    }

    // ---- what the test drives directly ----

    pub(crate) fn advance(&mut self, by: Duration) {
        self.clock_offset = self.clock_offset.saturating_add(by);
    }

    pub(crate) fn sign_in_user(&mut self, account: &str) -> String {
        let token = self.next("access-token");
        self.access_tokens.insert(token.clone(), account.to_owned());
        token
    }

    pub(crate) fn register_push_account(&mut self, account: &str) {
        self.push_accounts.insert(account.to_owned());
    }

    pub(crate) fn qr_code_status(&mut self, qrcode_id: &str) -> Option<QrCodeStatus> {
        let now = self.now();
        let code = self.qr_codes.get_mut(qrcode_id)?;
        code.refresh(now);
        Some(code.status)
    }

    pub(crate) fn push_code_status(&mut self, push_code_id: &str) -> Option<PushCodeStatus> {
        let now = self.now();
        let code = self.push_codes.get_mut(push_code_id)?;
        code.refresh(now);
        Some(code.status)
    }

    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        self.requests.clone()
    }

    // ---- the HTTP side ----

    /// Records `request` and answers it.
    pub(crate) fn handle(&mut self, mut request: RecordedRequest) -> Reply {
        let operation = find_operation(&request.method, &request.path);
        request.operation_id = operation.map(|op| op.id);
        let is_token_exchange =
            request.method == "POST" && request.path == crate::management::MANAGEMENT_TOKEN_PATH;
        if is_token_exchange {
            request.operation_id = Some(MANAGEMENT_TOKEN_OPERATION);
        }
        let outcome = match operation {
            // The Management API's token exchange: no app id, only the key.
            None if is_token_exchange => self.management_token(&request),
            None => Err(Failure::new(
                404,
                API_CODE_UNKNOWN_OPERATION,
                format!(
                    "{} {} is no operation of the GenAuth V3 Authentication API",
                    request.method, request.path
                ),
            )
            .with_http_status(404)),
            Some(op) => self
                .check_app_id(&request)
                .and_then(|()| self.dispatch(op.id, &request)),
        };
        self.requests.push(request);
        match outcome {
            Ok(body) => Reply {
                http_status: 200,
                body,
            },
            Err(failure) => self.reply_failure(failure),
        }
    }

    /// A failure the server itself hit (body too large, unreadable).
    pub(crate) fn reject(&mut self, request: RecordedRequest, message: String) -> Reply {
        self.requests.push(request);
        self.reply_failure(Failure::invalid_request(message))
    }

    fn reply_failure(&mut self, failure: Failure) -> Reply {
        let request_id = self.next("request");
        let http_status =
            failure
                .http_status
                .unwrap_or(if self.config.mirror_status_code_in_http_status {
                    failure.status_code
                } else {
                    200
                });
        Reply {
            http_status,
            body: error_envelope_with_request_id(
                failure.status_code,
                failure.api_code,
                &failure.message,
                &request_id,
            ),
        }
    }

    fn dispatch(&mut self, operation_id: &str, request: &RecordedRequest) -> Outcome {
        match operation_id {
            "gene_qr_code" => self.gene_qr_code(request),
            "check_qr_code_status" | "get_qr_code_status" => self.get_qr_code_status(request),
            "change_qr_code_status" => {
                self.change_qr_code_status(request)?;
                Ok(success(None))
            }
            "set_qr_code_status" => {
                self.change_qr_code_status(request)?;
                Ok(is_success())
            }
            "exchange_token_set_with_qr_code_ticket" => self.exchange_ticket(request),
            "sign_in_by_push" => self.sign_in_by_push(request),
            "check_push_code_status" => self.check_push_code_status(request),
            "change_push_code_status" => {
                self.change_push_code_status(request)?;
                Ok(success(None))
            }
            "set_push_code_status" => {
                self.change_push_code_status(request)?;
                Ok(is_success())
            }
            other => Err(Failure::new(
                501,
                API_CODE_NOT_EMULATED,
                format!(
                    "the emulator does not emulate {other}; mock it with genauth_mock::MockServerExt"
                ),
            )
            .with_http_status(501)),
        }
    }

    /// `get_management_token`: the emulator's access key gets a token scoped
    /// to its user pool.
    fn management_token(&self, request: &RecordedRequest) -> Outcome {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct AccessKey {
            access_key_id: String,
            access_key_secret: String,
        }
        let key: AccessKey = json_body(request)?;
        if key.access_key_id != self.config.access_key_id
            || key.access_key_secret != self.config.access_key_secret
        {
            return Err(Failure::new(
                401,
                API_CODE_INVALID_ACCESS_KEY,
                "no access key with this accessKeyId and accessKeySecret",
            ));
        }
        Ok(success(Some(json!({
            "access_token": crate::management::management_token(&self.config.userpool_id),
            "expires_in": crate::management::MANAGEMENT_TOKEN_EXPIRES_IN,
        }))))
    }

    fn check_app_id(&self, request: &RecordedRequest) -> Result<(), Failure> {
        match request.header("x-genauth-app-id") {
            None => Err(Failure::new(
                400,
                API_CODE_INVALID_APP_ID,
                "the x-genauth-app-id header is missing",
            )),
            Some(app_id) if app_id == self.config.app_id => Ok(()),
            Some(_) => Err(Failure::new(
                400,
                API_CODE_INVALID_APP_ID,
                "no application has the id in x-genauth-app-id",
            )),
        }
    }

    /// The account of the access token in `Authorization` (raw, no `Bearer `).
    fn authenticate(&self, request: &RecordedRequest) -> Result<String, Failure> {
        let token = request.header("authorization").ok_or_else(|| {
            Failure::new(
                401,
                API_CODE_UNAUTHENTICATED,
                "this call needs a signed-in user: the Authorization header is missing",
            )
        })?;
        self.access_tokens.get(token).cloned().ok_or_else(|| {
            Failure::new(
                401,
                API_CODE_UNAUTHENTICATED,
                "the Authorization header is not a valid access token (send the raw token, without `Bearer `)",
            )
        })
    }

    fn issue_token_set(&mut self, account: &str, scope: &str) -> types::LoginTokenResponseDataDto {
        let access_token = self.sign_in_user(account);
        let id_token = self.next("id-token");
        let refresh_token = self.next("refresh-token");
        types::LoginTokenResponseDataDto {
            access_token: Some(access_token.into()),
            id_token: Some(id_token.into()),
            refresh_token: Some(refresh_token.into()),
            token_type: Some("Bearer".to_owned()),
            expire_in: Some(TOKEN_EXPIRES_IN_SECONDS),
            scope: Some(scope.to_owned()),
            ..Default::default()
        }
    }

    // ---- QR code ----

    fn gene_qr_code(&mut self, request: &RecordedRequest) -> Outcome {
        let body: types::GenerateQrcodeDto = json_body(request)?;
        if body.type_ != types::GenerateQrcodeDtoType::MobileApp {
            return Err(Failure::invalid_request(format!(
                "the emulator only generates MOBILE_APP QR codes, not {}",
                body.type_
            )));
        }
        let qrcode_id = self.next("qrcode");
        let expires_at = self.now().checked_add(self.config.qr_code_ttl);
        self.qr_codes.insert(
            qrcode_id.clone(),
            QrCode {
                status: QrCodeStatus::Pending,
                expires_at,
                scanned_by: None,
                ticket: None,
            },
        );
        let data = types::GeneQrCodeDataDto {
            url: Some(format!("{}/qrcode/{qrcode_id}.png", self.base_url)),
            qrcode_id: Some(qrcode_id),
            custom_logo_url: None,
        };
        Ok(success(Some(to_json(&data)?)))
    }

    fn get_qr_code_status(&mut self, request: &RecordedRequest) -> Outcome {
        let qrcode_id = required_query(request, "qrcodeId")?;
        let status = self
            .qr_code_status(&qrcode_id)
            .ok_or_else(|| qr_not_found(&qrcode_id))?;
        let code = self
            .qr_codes
            .get(&qrcode_id)
            .ok_or_else(|| qr_not_found(&qrcode_id))?;
        let brief_user_info = code.scanned_by.as_ref().and_then(|account| {
            matches!(status, QrCodeStatus::Scanned | QrCodeStatus::Authorized).then(|| {
                types::QrCodeStatusBriefUserInfoDto {
                    display_name: Some(account.clone()),
                    photo: None,
                }
            })
        });
        let data = types::CheckQrCodeStatusDataDto {
            status: Some(status.as_str().to_owned()),
            ticket: code.ticket.clone().map(Into::into),
            brief_user_info,
            token_set: None,
        };
        Ok(success(Some(to_json(&data)?)))
    }

    fn change_qr_code_status(&mut self, request: &RecordedRequest) -> Result<(), Failure> {
        use types::ChangeQrCodeStatusDtoAction as Action;

        let account = self.authenticate(request)?;
        let body: types::ChangeQrCodeStatusDto = json_body(request)?;
        let id = body.qrcode_id;
        let status = self.qr_code_status(&id).ok_or_else(|| qr_not_found(&id))?;
        let scanned_by = self
            .qr_codes
            .get(&id)
            .and_then(|code| code.scanned_by.clone());
        let (next, scanned_by, ticket) = match (status, body.action) {
            (QrCodeStatus::Expired, _) => {
                return Err(Failure::new(
                    400,
                    API_CODE_QR_CODE_EXPIRED,
                    format!("QR code {id} has expired"),
                ));
            }
            (QrCodeStatus::Pending, Action::Scan) => (QrCodeStatus::Scanned, Some(account), None),
            (QrCodeStatus::Pending, action) => {
                return Err(Failure::new(
                    400,
                    API_CODE_QR_CODE_NOT_SCANNED,
                    format!("{action} needs the QR code to be scanned first (SCAN)"),
                ));
            }
            (QrCodeStatus::Scanned, Action::Confirm | Action::Cancel)
                if scanned_by.as_deref() != Some(account.as_str()) =>
            {
                return Err(Failure::new(
                    403,
                    API_CODE_FORBIDDEN,
                    "only the user who scanned the QR code can confirm or cancel it",
                ));
            }
            (QrCodeStatus::Scanned, Action::Confirm) => {
                let ticket = self.next("ticket");
                self.tickets.insert(
                    ticket.clone(),
                    Ticket {
                        account,
                        used: false,
                    },
                );
                (QrCodeStatus::Authorized, scanned_by, Some(ticket))
            }
            (QrCodeStatus::Scanned, Action::Cancel) => (QrCodeStatus::Cancelled, scanned_by, None),
            (status, action) => {
                return Err(Failure::new(
                    400,
                    API_CODE_INVALID_STATUS_TRANSITION,
                    format!("{action} is not allowed on a {} QR code", status.as_str()),
                ));
            }
        };
        let code = self
            .qr_codes
            .get_mut(&id)
            .ok_or_else(|| qr_not_found(&id))?;
        code.status = next;
        code.scanned_by = scanned_by;
        code.ticket = ticket;
        Ok(())
    }

    fn exchange_ticket(&mut self, request: &RecordedRequest) -> Outcome {
        let body: types::ExchangeTokenSetWithQRcodeTicketDto = json_body(request)?;
        self.authenticate_client(
            request,
            body.client_id.as_deref(),
            body.client_secret.as_ref().map(|s| s.expose_secret()),
        )?;
        let ticket = self
            .tickets
            .get_mut(body.ticket.expose_secret())
            .ok_or_else(|| Failure::new(400, API_CODE_INVALID_TICKET, "unknown ticket"))?;
        if ticket.used {
            return Err(Failure::new(
                400,
                API_CODE_INVALID_TICKET,
                "the ticket was already exchanged",
            ));
        }
        ticket.used = true;
        let account = ticket.account.clone();
        let token_set = self.issue_token_set(&account, "openid profile");
        Ok(success(Some(to_json(&token_set)?)))
    }

    /// `client_secret_basic`, `client_secret_post` or `none`; whichever is
    /// sent must be right.
    fn authenticate_client(
        &self,
        request: &RecordedRequest,
        client_id: Option<&str>,
        client_secret: Option<&str>,
    ) -> Result<(), Failure> {
        let invalid = |message: &str| Failure::new(401, API_CODE_INVALID_CLIENT, message);
        let basic = request
            .header("authorization")
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("basic"))
            .map(|(_, credentials)| credentials.trim());
        let mut authenticated = false;
        if let Some(credentials) = basic {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(credentials)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .ok_or_else(|| invalid("the Basic credentials are not base64 of id:secret"))?;
            let (id, secret) = decoded
                .split_once(':')
                .ok_or_else(|| invalid("the Basic credentials are not base64 of id:secret"))?;
            if id != self.config.app_id || secret != self.config.app_secret {
                return Err(invalid(
                    "wrong application id or secret (client_secret_basic)",
                ));
            }
            authenticated = true;
        }
        match (client_id, client_secret) {
            (_, Some(secret)) => {
                if client_id != Some(self.config.app_id.as_str())
                    || secret != self.config.app_secret
                {
                    return Err(invalid(
                        "wrong client_id or client_secret (client_secret_post)",
                    ));
                }
                authenticated = true;
            }
            (Some(id), None) if id != self.config.app_id => {
                return Err(invalid("client_id is not this application's id"));
            }
            _ => {}
        }
        if self.config.require_client_authentication && !authenticated {
            return Err(invalid(
                "this application requires client_secret_basic or client_secret_post",
            ));
        }
        Ok(())
    }

    // ---- push code ----

    fn sign_in_by_push(&mut self, request: &RecordedRequest) -> Outcome {
        let body: types::SignInByPushDto = json_body(request)?;
        if !self.push_accounts.contains(&body.account) {
            return Err(Failure::new(
                404,
                API_CODE_ACCOUNT_NOT_FOUND,
                format!("no account {} can receive push logins", body.account),
            ));
        }
        let scope = body
            .options
            .and_then(|options| options.scope)
            .unwrap_or_else(|| "openid profile".to_owned());
        let push_code_id = self.next("pushcode");
        let expires_at = self.now().checked_add(self.config.push_code_ttl);
        self.push_codes.insert(
            push_code_id.clone(),
            PushCode {
                account: body.account,
                scope,
                status: PushCodeStatus::Pushed,
                expires_at,
                token_set: None,
            },
        );
        let data = types::GenePushCodeDataDto {
            push_code_id: Some(push_code_id),
            expire_time: Some(
                i64::try_from(self.config.push_code_ttl.as_secs()).unwrap_or(i64::MAX),
            ),
        };
        Ok(success(Some(to_json(&data)?)))
    }

    fn check_push_code_status(&mut self, request: &RecordedRequest) -> Outcome {
        let id = required_query(request, "pushCodeId")?;
        let status = self
            .push_code_status(&id)
            .ok_or_else(|| push_not_found(&id))?;
        let code = self
            .push_codes
            .get(&id)
            .ok_or_else(|| push_not_found(&id))?;
        let data = types::CheckPushCodeStatusDataDto {
            status: Some(status.as_str().to_owned()),
            token_set: code.token_set.clone(),
        };
        Ok(success(Some(to_json(&data)?)))
    }

    fn change_push_code_status(&mut self, request: &RecordedRequest) -> Result<(), Failure> {
        use types::ChangePushCodeStatusDtoAction as Action;

        let account = self.authenticate(request)?;
        let body: types::ChangePushCodeStatusDto = json_body(request)?;
        let id = body.push_code_id;
        let status = self
            .push_code_status(&id)
            .ok_or_else(|| push_not_found(&id))?;
        let (owner, scope) = self
            .push_codes
            .get(&id)
            .map(|code| (code.account.clone(), code.scope.clone()))
            .ok_or_else(|| push_not_found(&id))?;
        if status == PushCodeStatus::Expired {
            return Err(Failure::new(
                400,
                API_CODE_PUSH_CODE_EXPIRED,
                format!("push code {id} has expired"),
            ));
        }
        if owner != account {
            return Err(Failure::new(
                403,
                API_CODE_FORBIDDEN,
                "the push code was sent to another account",
            ));
        }
        let (next, token_set) = match (status, body.action) {
            (PushCodeStatus::Pushed, Action::Confirm) => (
                PushCodeStatus::Authorized,
                Some(self.issue_token_set(&owner, &scope)),
            ),
            (PushCodeStatus::Pushed, Action::Cancel) => (PushCodeStatus::Cancelled, None),
            (status, action) => {
                return Err(Failure::new(
                    400,
                    API_CODE_INVALID_STATUS_TRANSITION,
                    format!("{action} is not allowed on a {} push code", status.as_str()),
                ));
            }
        };
        let code = self
            .push_codes
            .get_mut(&id)
            .ok_or_else(|| push_not_found(&id))?;
        code.status = next;
        code.token_set = token_set;
        Ok(())
    }
}

/// The spec's operation for `method` and `path`: routing comes from
/// `genauth_api::OPERATIONS`, so the emulator serves exactly the spec's paths.
fn find_operation(method: &str, path: &str) -> Option<&'static genauth_api::Operation> {
    genauth_api::OPERATIONS
        .iter()
        .find(|op| op.method == method && path_matches(op.path, path))
}

/// `template` with `{param}` segments matches any non-empty segment there.
fn path_matches(template: &str, path: &str) -> bool {
    let mut expected = template.split('/');
    let mut actual = path.split('/');
    loop {
        match (expected.next(), actual.next()) {
            (None, None) => return true,
            (Some(e), Some(a)) if e.starts_with('{') && e.ends_with('}') && !a.is_empty() => {}
            (Some(e), Some(a)) if e == a => {}
            _ => return false,
        }
    }
}

fn json_body<T: DeserializeOwned>(request: &RecordedRequest) -> Result<T, Failure> {
    serde_json::from_slice(&request.body)
        .map_err(|e| Failure::invalid_request(format!("invalid request body: {e}")))
}

fn required_query(request: &RecordedRequest, name: &str) -> Result<String, Failure> {
    request
        .query_param(name)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| Failure::invalid_request(format!("the query parameter {name} is required")))
}

fn to_json<T: Serialize>(value: &T) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|e| {
        Failure::new(
            500,
            API_CODE_INTERNAL_ERROR,
            format!("cannot encode the response: {e}"),
        )
    })
}

/// `{statusCode: 200, message, data?}`.
fn success(data: Option<Value>) -> Value {
    let mut body = json!({ "statusCode": 200, "message": "success" });
    if let (Some(data), Some(object)) = (data, body.as_object_mut()) {
        object.insert("data".to_owned(), data);
    }
    body
}

fn is_success() -> Value {
    success(Some(json!({ "success": true })))
}

fn qr_not_found(id: &str) -> Failure {
    Failure::new(404, API_CODE_QR_CODE_NOT_FOUND, format!("no QR code {id}"))
}

fn push_not_found(id: &str) -> Failure {
    Failure::new(
        404,
        API_CODE_PUSH_CODE_NOT_FOUND,
        format!("no push code {id}"),
    )
}

#[cfg(test)]
mod tests {
    use super::path_matches;

    #[test]
    fn templates_match_one_segment_per_parameter() {
        assert!(path_matches("/api/v3/gene-qrcode", "/api/v3/gene-qrcode"));
        assert!(path_matches("/api/v3/x/{id}", "/api/v3/x/42"));
        assert!(!path_matches("/api/v3/x/{id}", "/api/v3/x/"));
        assert!(!path_matches("/api/v3/x/{id}", "/api/v3/x/42/y"));
        assert!(!path_matches("/api/v3/gene-qrcode", "/api/v3/gene-qrcode/"));
    }
}

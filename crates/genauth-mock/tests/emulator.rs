//! Drives the emulator over real HTTP with reqwest, as a client would, with
//! the spec's paths and JSON field names spelled out.

use std::time::Duration;

use genauth_mock::{
    API_CODE_ACCOUNT_NOT_FOUND, API_CODE_FORBIDDEN, API_CODE_INVALID_APP_ID,
    API_CODE_INVALID_CLIENT, API_CODE_INVALID_REQUEST, API_CODE_INVALID_STATUS_TRANSITION,
    API_CODE_INVALID_TICKET, API_CODE_NOT_EMULATED, API_CODE_PUSH_CODE_EXPIRED,
    API_CODE_QR_CODE_EXPIRED, API_CODE_QR_CODE_NOT_FOUND, API_CODE_QR_CODE_NOT_SCANNED,
    API_CODE_UNAUTHENTICATED, API_CODE_UNKNOWN_OPERATION, GenAuthEmulator, PushCodeStatus,
    QrCodeStatus,
};
use serde_json::{Value, json};

/// A raw client: the app id header, and the user's token when given.
struct Caller {
    http: reqwest::Client,
    base_url: String,
    app_id: Option<String>,
    authorization: Option<String>,
}

impl Caller {
    fn web(emulator: &GenAuthEmulator) -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        Self {
            http: reqwest::Client::new(),
            base_url: emulator.base_url(),
            app_id: Some(emulator.app_id().to_owned()),
            authorization: None,
        }
    }

    fn app(emulator: &GenAuthEmulator, access_token: &str) -> Self {
        Self {
            authorization: Some(access_token.to_owned()),
            ..Self::web(emulator)
        }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base_url));
        if let Some(app_id) = &self.app_id {
            request = request.header("x-genauth-app-id", app_id);
        }
        if let Some(token) = &self.authorization {
            request = request.header("authorization", token);
        }
        request
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> (u16, Value) {
        let response = request.send().await.expect("the emulator answers");
        let status = response.status().as_u16();
        let body = response.json().await.expect("the emulator answers JSON");
        (status, body)
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        let (status, body) = self
            .send(self.request(reqwest::Method::POST, path).json(&body))
            .await;
        assert_eq!(status, 200, "HTTP status of POST {path}: {body}");
        body
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Value {
        let (status, body) = self
            .send(self.request(reqwest::Method::GET, path).query(query))
            .await;
        assert_eq!(status, 200, "HTTP status of GET {path}: {body}");
        body
    }

    async fn gene_qr_code(&self) -> String {
        let body = self
            .post("/api/v3/gene-qrcode", json!({ "type": "MOBILE_APP" }))
            .await;
        assert_ok(&body);
        assert!(body["data"]["url"].is_string(), "{body}");
        body["data"]["qrcodeId"]
            .as_str()
            .expect("qrcodeId")
            .to_owned()
    }

    async fn qr_status(&self, qrcode_id: &str) -> Value {
        let body = self
            .get("/api/v3/get-qrcode-status", &[("qrcodeId", qrcode_id)])
            .await;
        assert_ok(&body);
        body["data"].clone()
    }

    async fn change_qr(&self, action: &str, qrcode_id: &str) -> Value {
        self.post(
            "/api/v3/change-qrcode-status",
            json!({ "action": action, "qrcodeId": qrcode_id }),
        )
        .await
    }

    async fn sign_in_by_push(&self, scope: Option<&str>) -> Value {
        let body = match scope {
            Some(scope) => json!({ "account": "bob@example.com", "options": { "scope": scope } }),
            None => json!({ "account": "bob@example.com" }),
        };
        self.post("/api/v3/signin-by-push", body).await
    }

    async fn push_status(&self, push_code_id: &str) -> Value {
        let body = self
            .get(
                "/api/v3/check-pushcode-status",
                &[("pushCodeId", push_code_id)],
            )
            .await;
        assert_ok(&body);
        body["data"].clone()
    }

    async fn exchange(&self, ticket: &str) -> Value {
        self.post(
            "/api/v3/exchange-tokenset-with-qrcode-ticket",
            json!({ "ticket": ticket }),
        )
        .await
    }
}

#[track_caller]
fn assert_ok(body: &Value) {
    assert_eq!(body["statusCode"], 200, "{body}");
    assert!(body.get("apiCode").is_none(), "{body}");
}

#[track_caller]
fn assert_failure(body: &Value, status_code: u16, api_code: i64) {
    assert_eq!(body["statusCode"], status_code, "{body}");
    assert_eq!(body["apiCode"], api_code, "{body}");
    assert!(body["message"].is_string(), "{body}");
    assert!(body["requestId"].is_string(), "{body}");
    assert!(body.get("data").is_none(), "{body}");
}

#[tokio::test]
async fn scan_confirm_and_exchange_the_ticket() {
    let emulator = GenAuthEmulator::start();
    let web = Caller::web(&emulator);
    let app = Caller::app(&emulator, &emulator.sign_in_user("alice"));

    let qrcode_id = web.gene_qr_code().await;
    assert_eq!(web.qr_status(&qrcode_id).await["status"], "PENDING");

    assert_ok(&app.change_qr("SCAN", &qrcode_id).await);
    let scanned = web.qr_status(&qrcode_id).await;
    assert_eq!(scanned["status"], "SCANNED");
    assert_eq!(scanned["briefUserInfo"]["displayName"], "alice");
    assert!(scanned.get("ticket").is_none(), "{scanned}");

    assert_ok(&app.change_qr("CONFIRM", &qrcode_id).await);
    assert_eq!(
        emulator.qr_code_status(&qrcode_id),
        Some(QrCodeStatus::Authorized)
    );
    // The deprecated check-qrcode-status reports the same.
    let authorized = web
        .get("/api/v3/check-qrcode-status", &[("qrcodeId", &qrcode_id)])
        .await;
    assert_eq!(authorized["data"]["status"], "AUTHORIZED");
    let ticket = authorized["data"]["ticket"]
        .as_str()
        .expect("a ticket")
        .to_owned();

    let tokens = web.exchange(&ticket).await;
    assert_ok(&tokens);
    let data = &tokens["data"];
    for field in [
        "access_token",
        "id_token",
        "refresh_token",
        "token_type",
        "scope",
    ] {
        assert!(data[field].is_string(), "{field} in {tokens}");
    }
    assert!(
        data["expire_in"].as_i64().is_some_and(|s| s > 0),
        "{tokens}"
    );

    // The issued access token signs the user in.
    let signed_in = Caller::app(&emulator, data["access_token"].as_str().unwrap_or_default());
    let qr2 = web.gene_qr_code().await;
    assert_ok(&signed_in.change_qr("SCAN", &qr2).await);
}

#[tokio::test]
async fn scan_then_cancel() {
    let emulator = GenAuthEmulator::start();
    let web = Caller::web(&emulator);
    let app = Caller::app(&emulator, &emulator.sign_in_user("alice"));
    let qrcode_id = web.gene_qr_code().await;

    // set-qrcode-status is the successor: same rules, `data.success`.
    let scanned = app
        .post(
            "/api/v3/set-qrcode-status",
            json!({ "action": "SCAN", "qrcodeId": qrcode_id }),
        )
        .await;
    assert_ok(&scanned);
    assert_eq!(scanned["data"]["success"], true);
    let cancelled = app
        .post(
            "/api/v3/set-qrcode-status",
            json!({ "action": "CANCEL", "qrcodeId": qrcode_id }),
        )
        .await;
    assert_ok(&cancelled);

    let status = web.qr_status(&qrcode_id).await;
    assert_eq!(status["status"], "CANCELLED");
    assert!(status.get("ticket").is_none(), "{status}");
    // A cancelled code is final.
    assert_failure(
        &app.change_qr("CONFIRM", &qrcode_id).await,
        400,
        API_CODE_INVALID_STATUS_TRANSITION,
    );
}

#[tokio::test]
async fn confirm_or_cancel_before_scan_is_rejected() {
    let emulator = GenAuthEmulator::start();
    let web = Caller::web(&emulator);
    let app = Caller::app(&emulator, &emulator.sign_in_user("alice"));
    let qrcode_id = web.gene_qr_code().await;

    for action in ["CONFIRM", "CANCEL"] {
        assert_failure(
            &app.change_qr(action, &qrcode_id).await,
            400,
            API_CODE_QR_CODE_NOT_SCANNED,
        );
    }
    assert_eq!(web.qr_status(&qrcode_id).await["status"], "PENDING");

    // Scanning twice is no transition either.
    assert_ok(&app.change_qr("SCAN", &qrcode_id).await);
    assert_failure(
        &app.change_qr("SCAN", &qrcode_id).await,
        400,
        API_CODE_INVALID_STATUS_TRANSITION,
    );
}

#[tokio::test]
async fn only_the_scanning_user_confirms() {
    let emulator = GenAuthEmulator::start();
    let web = Caller::web(&emulator);
    let alice = Caller::app(&emulator, &emulator.sign_in_user("alice"));
    let mallory = Caller::app(&emulator, &emulator.sign_in_user("mallory"));
    let qrcode_id = web.gene_qr_code().await;

    assert_ok(&alice.change_qr("SCAN", &qrcode_id).await);
    assert_failure(
        &mallory.change_qr("CONFIRM", &qrcode_id).await,
        403,
        API_CODE_FORBIDDEN,
    );
    assert_eq!(web.qr_status(&qrcode_id).await["status"], "SCANNED");
}

#[tokio::test]
async fn an_expired_code_reads_expired_and_rejects_actions() {
    let emulator = GenAuthEmulator::builder()
        .qr_code_ttl(Duration::from_secs(60))
        .start();
    let web = Caller::web(&emulator);
    let app = Caller::app(&emulator, &emulator.sign_in_user("alice"));

    let never_scanned = web.gene_qr_code().await;
    let scanned = web.gene_qr_code().await;
    assert_ok(&app.change_qr("SCAN", &scanned).await);

    // The emulator's clock is the real one plus what `advance` added: half the
    // TTL leaves a wide margin for a slow machine.
    emulator.advance(Duration::from_secs(30));
    assert_eq!(web.qr_status(&never_scanned).await["status"], "PENDING");
    emulator.advance(Duration::from_secs(30));

    for qrcode_id in [&never_scanned, &scanned] {
        assert_eq!(web.qr_status(qrcode_id).await["status"], "EXPIRED");
        for action in ["SCAN", "CONFIRM", "CANCEL"] {
            assert_failure(
                &app.change_qr(action, qrcode_id).await,
                400,
                API_CODE_QR_CODE_EXPIRED,
            );
        }
    }
    assert_eq!(
        emulator.qr_code_status(&scanned),
        Some(QrCodeStatus::Expired)
    );
}

#[tokio::test]
async fn status_changes_need_a_valid_raw_access_token() {
    let emulator = GenAuthEmulator::start();
    let web = Caller::web(&emulator);
    let token = emulator.sign_in_user("alice");
    let qrcode_id = web.gene_qr_code().await;

    // No Authorization, an unknown token, and the token with a `Bearer ` prefix.
    let callers = [
        Caller::web(&emulator),
        Caller::app(&emulator, "not-a-token"),
        Caller::app(&emulator, &format!("Bearer {token}")),
    ];
    for caller in &callers {
        assert_failure(
            &caller.change_qr("SCAN", &qrcode_id).await,
            401,
            API_CODE_UNAUTHENTICATED,
        );
        let push = caller
            .post(
                "/api/v3/set-pushcode-status",
                json!({ "action": "CONFIRM", "pushCodeId": "any" }),
            )
            .await;
        assert_failure(&push, 401, API_CODE_UNAUTHENTICATED);
    }
    assert_eq!(web.qr_status(&qrcode_id).await["status"], "PENDING");
}

#[tokio::test]
async fn a_ticket_is_exchanged_once() {
    let emulator = GenAuthEmulator::start();
    let web = Caller::web(&emulator);
    let app = Caller::app(&emulator, &emulator.sign_in_user("alice"));
    let qrcode_id = web.gene_qr_code().await;
    assert_ok(&app.change_qr("SCAN", &qrcode_id).await);
    assert_ok(&app.change_qr("CONFIRM", &qrcode_id).await);
    let ticket = web.qr_status(&qrcode_id).await["ticket"]
        .as_str()
        .expect("a ticket")
        .to_owned();

    assert_ok(&web.exchange(&ticket).await);
    assert_failure(&web.exchange(&ticket).await, 400, API_CODE_INVALID_TICKET);
    assert_failure(&web.exchange("made-up").await, 400, API_CODE_INVALID_TICKET);
}

#[tokio::test]
async fn the_ticket_exchange_authenticates_the_client() {
    let emulator = GenAuthEmulator::builder()
        .app_id("app-1")
        .app_secret("s3cret")
        .require_client_authentication(true)
        .start();
    let web = Caller::web(&emulator);
    let app = Caller::app(&emulator, &emulator.sign_in_user("alice"));
    let mut tickets = Vec::new();
    for _ in 0..3 {
        let qrcode_id = web.gene_qr_code().await;
        assert_ok(&app.change_qr("SCAN", &qrcode_id).await);
        assert_ok(&app.change_qr("CONFIRM", &qrcode_id).await);
        let status = web.qr_status(&qrcode_id).await;
        tickets.push(status["ticket"].as_str().expect("a ticket").to_owned());
    }
    let path = "/api/v3/exchange-tokenset-with-qrcode-ticket";
    let basic = |credentials: &str| {
        use base64::Engine as _;
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(credentials)
        )
    };
    let with_basic = |credentials: &str, ticket: &str| {
        web.request(reqwest::Method::POST, path)
            .header("authorization", basic(credentials))
            .json(&json!({ "ticket": ticket }))
    };

    // Wrong credentials, either way, or none while required: rejected, and
    // the ticket is still good.
    let (_, wrong_post) = web
        .send(web.request(reqwest::Method::POST, path).json(&json!({
            "ticket": tickets[0], "client_id": "app-1", "client_secret": "nope",
        })))
        .await;
    assert_failure(&wrong_post, 401, API_CODE_INVALID_CLIENT);
    let (_, wrong_basic) = web.send(with_basic("app-1:nope", &tickets[0])).await;
    assert_failure(&wrong_basic, 401, API_CODE_INVALID_CLIENT);
    assert_failure(
        &web.exchange(&tickets[0]).await,
        401,
        API_CODE_INVALID_CLIENT,
    );

    // client_secret_post and client_secret_basic.
    let post = web
        .post(
            path,
            json!({ "ticket": tickets[0], "client_id": "app-1", "client_secret": "s3cret" }),
        )
        .await;
    assert_ok(&post);
    let (_, basic_ok) = web.send(with_basic("app-1:s3cret", &tickets[1])).await;
    assert_ok(&basic_ok);

    // `none` is fine where the application does not require a secret.
    let open = GenAuthEmulator::start();
    let open_web = Caller::web(&open);
    let open_app = Caller::app(&open, &open.sign_in_user("alice"));
    let qrcode_id = open_web.gene_qr_code().await;
    assert_ok(&open_app.change_qr("SCAN", &qrcode_id).await);
    assert_ok(&open_app.change_qr("CONFIRM", &qrcode_id).await);
    let ticket = open_web.qr_status(&qrcode_id).await["ticket"]
        .as_str()
        .expect("a ticket")
        .to_owned();
    assert_ok(&open_web.exchange(&ticket).await);
}

#[tokio::test]
async fn push_confirm_and_cancel() {
    let emulator = GenAuthEmulator::start();
    emulator.register_push_account("bob@example.com");
    let web = Caller::web(&emulator);
    let phone = Caller::app(&emulator, &emulator.sign_in_user("bob@example.com"));
    // Confirm, with the deprecated change-pushcode-status.
    let pushed = web
        .sign_in_by_push(Some("openid profile offline_access"))
        .await;
    assert_ok(&pushed);
    assert_eq!(pushed["data"]["expireTime"], 120);
    let confirmed_id = pushed["data"]["pushCodeId"]
        .as_str()
        .expect("pushCodeId")
        .to_owned();
    assert_eq!(web.push_status(&confirmed_id).await["status"], "PUSHED");
    let confirm = phone
        .post(
            "/api/v3/change-pushcode-status",
            json!({ "action": "CONFIRM", "pushCodeId": confirmed_id }),
        )
        .await;
    assert_ok(&confirm);
    let authorized = web.push_status(&confirmed_id).await;
    assert_eq!(authorized["status"], "AUTHORIZED");
    assert!(
        authorized["tokenSet"]["access_token"].is_string(),
        "{authorized}"
    );
    assert_eq!(
        authorized["tokenSet"]["scope"],
        "openid profile offline_access"
    );
    assert_eq!(
        emulator.push_code_status(&confirmed_id),
        Some(PushCodeStatus::Authorized)
    );

    // Cancel, with set-pushcode-status.
    let pushed = web.sign_in_by_push(None).await;
    let cancelled_id = pushed["data"]["pushCodeId"]
        .as_str()
        .expect("pushCodeId")
        .to_owned();
    let cancel = phone
        .post(
            "/api/v3/set-pushcode-status",
            json!({ "action": "CANCEL", "pushCodeId": cancelled_id }),
        )
        .await;
    assert_ok(&cancel);
    assert_eq!(cancel["data"]["success"], true);
    let cancelled = web.push_status(&cancelled_id).await;
    assert_eq!(cancelled["status"], "CANCELLED");
    assert!(cancelled.get("tokenSet").is_none(), "{cancelled}");

    // Final statuses, no SCAN step, and only the pushed account's user.
    let again = phone
        .post(
            "/api/v3/set-pushcode-status",
            json!({ "action": "CONFIRM", "pushCodeId": cancelled_id }),
        )
        .await;
    assert_failure(&again, 400, API_CODE_INVALID_STATUS_TRANSITION);
    let fresh = web.sign_in_by_push(None).await["data"]["pushCodeId"]
        .as_str()
        .expect("pushCodeId")
        .to_owned();
    let scan = phone
        .post(
            "/api/v3/set-pushcode-status",
            json!({ "action": "SCAN", "pushCodeId": fresh }),
        )
        .await;
    assert_failure(&scan, 400, API_CODE_INVALID_REQUEST);
    let stranger = Caller::app(&emulator, &emulator.sign_in_user("eve"));
    let stolen = stranger
        .post(
            "/api/v3/set-pushcode-status",
            json!({ "action": "CONFIRM", "pushCodeId": fresh }),
        )
        .await;
    assert_failure(&stolen, 403, API_CODE_FORBIDDEN);

    // Expiry.
    emulator.advance(Duration::from_secs(120));
    assert_eq!(web.push_status(&fresh).await["status"], "EXPIRED");
    let late = phone
        .post(
            "/api/v3/set-pushcode-status",
            json!({ "action": "CONFIRM", "pushCodeId": fresh }),
        )
        .await;
    assert_failure(&late, 400, API_CODE_PUSH_CODE_EXPIRED);
}

#[tokio::test]
async fn push_to_an_unknown_account_is_rejected() {
    let emulator = GenAuthEmulator::start();
    let web = Caller::web(&emulator);
    let body = web
        .post("/api/v3/signin-by-push", json!({ "account": "nobody" }))
        .await;
    assert_failure(&body, 404, API_CODE_ACCOUNT_NOT_FOUND);
}

#[tokio::test]
async fn a_missing_or_wrong_app_id_is_rejected() {
    let emulator = GenAuthEmulator::builder().app_id("right").start();
    let missing = Caller {
        app_id: None,
        ..Caller::web(&emulator)
    };
    let wrong = Caller {
        app_id: Some("wrong".to_owned()),
        ..Caller::web(&emulator)
    };
    for caller in [&missing, &wrong] {
        let body = caller
            .post("/api/v3/gene-qrcode", json!({ "type": "MOBILE_APP" }))
            .await;
        assert_failure(&body, 400, API_CODE_INVALID_APP_ID);
        let body = caller
            .get("/api/v3/get-qrcode-status", &[("qrcodeId", "x")])
            .await;
        assert_failure(&body, 400, API_CODE_INVALID_APP_ID);
    }
    let recorded = emulator.requests_for("gene_qr_code");
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].header("x-genauth-app-id"), None);
    assert_eq!(recorded[1].header("x-genauth-app-id"), Some("wrong"));
}

#[tokio::test]
async fn bad_requests_get_a_400_envelope() {
    let emulator = GenAuthEmulator::start();
    let web = Caller::web(&emulator);
    let app = Caller::app(&emulator, &emulator.sign_in_user("alice"));

    let (status, not_json) = web
        .send(
            web.request(reqwest::Method::POST, "/api/v3/gene-qrcode")
                .body("{not json"),
        )
        .await;
    assert_eq!(status, 200);
    assert_failure(&not_json, 400, API_CODE_INVALID_REQUEST);
    assert_failure(
        &web.post("/api/v3/gene-qrcode", json!({ "type": "PAPER" }))
            .await,
        400,
        API_CODE_INVALID_REQUEST,
    );
    assert_failure(
        &app.post("/api/v3/change-qrcode-status", json!({ "action": "SCAN" }))
            .await,
        400,
        API_CODE_INVALID_REQUEST,
    );
    assert_failure(
        &web.get("/api/v3/get-qrcode-status", &[]).await,
        400,
        API_CODE_INVALID_REQUEST,
    );
    assert_failure(
        &web.get("/api/v3/get-qrcode-status", &[("qrcodeId", "unknown")])
            .await,
        404,
        API_CODE_QR_CODE_NOT_FOUND,
    );
}

#[tokio::test]
async fn other_paths_are_404_and_other_operations_501() {
    let emulator = GenAuthEmulator::start();
    let web = Caller::web(&emulator);
    let (status, body) = web
        .send(web.request(reqwest::Method::GET, "/api/v3/no-such-thing"))
        .await;
    assert_eq!(status, 404);
    assert_failure(&body, 404, API_CODE_UNKNOWN_OPERATION);
    let (status, body) = web
        .send(web.request(reqwest::Method::GET, "/api/v3/get-profile"))
        .await;
    assert_eq!(status, 501);
    assert_failure(&body, 501, API_CODE_NOT_EMULATED);
}

#[tokio::test]
async fn failures_can_mirror_the_status_code_in_http() {
    let emulator = GenAuthEmulator::builder()
        .mirror_status_code_in_http_status(true)
        .start();
    let web = Caller::web(&emulator);
    let (status, body) = web
        .send(
            web.request(reqwest::Method::POST, "/api/v3/set-qrcode-status")
                .json(&json!({ "action": "SCAN", "qrcodeId": "x" })),
        )
        .await;
    assert_eq!(status, 401);
    assert_failure(&body, 401, API_CODE_UNAUTHENTICATED);
}

#[test]
fn works_without_an_async_runtime_and_stops_on_drop() {
    let emulator = GenAuthEmulator::start();
    let address = emulator.base_url().trim_start_matches("http://").to_owned();
    assert!(std::net::TcpStream::connect(&address).is_ok());
    emulator.shutdown();
    assert!(std::net::TcpStream::connect(&address).is_err());
}

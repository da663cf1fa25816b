//! Scan-code login and push login, end to end.
//!
//! ```text
//! cargo run --example scan_login              # against an embedded GenAuth mock
//! cargo run --example scan_login -- --cancel  # the user declines instead
//! ```
//!
//! With `GENAUTH_APP_HOST`, `GENAUTH_APP_ID` and a signed-in user's
//! `GENAUTH_ACCESS_TOKEN` set (plus `GENAUTH_APP_SECRET` when the app uses
//! `client_secret_post`, and `GENAUTH_PUSH_ACCOUNT` for the push part), the same
//! flow runs against a real tenant; there you scan nothing by hand, the
//! "app side" client acts for the signed-in user.
//!
//! Two clients play the two sides: the *browser* (no user yet; it shows the QR
//! code and polls) and the *app* (a signed-in user's mobile app that scans and
//! confirms). `tests/tests/scan_login_example.rs` runs these same functions.

use std::fmt::Write as _;
use std::time::Duration;

use genauth::types::{GenerateQrcodeDtoType, LoginTokenResponseDataDto};
use genauth::{AuthenticationClient, ClientBuilder, PushCodeAction, QrCodeAction};
use genauth_mock::GenAuthEmulator;

/// How often the browser side polls, and for how long.
const POLL_INTERVAL: Duration = Duration::from_millis(200);
const MAX_POLLS: usize = 50;

/// What the signed-in user answers on their phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Confirm,
    Cancel,
}

/// How a login ended.
#[derive(Debug)]
pub enum Outcome {
    /// The browser side holds the user's tokens.
    SignedIn(Box<LoginTokenResponseDataDto>),
    /// The user declined.
    Cancelled,
}

/// The two sides of the flow, and what is needed to run it.
pub struct Demo {
    pub browser: AuthenticationClient,
    pub app: AuthenticationClient,
    pub push_account: Option<String>,
    /// The embedded mock, when not running against a tenant; kept alive here.
    pub emulator: Option<GenAuthEmulator>,
}

impl Demo {
    /// Against the embedded mock: a signed-in user `alice@example.com` whose
    /// phone can receive pushes.
    pub fn with_emulator(emulator: GenAuthEmulator) -> Result<Self, genauth::Error> {
        let account = "alice@example.com";
        let access_token = emulator.sign_in_user(account);
        emulator.register_push_account(account);
        let browser = AuthenticationClient::builder()
            .app_id(emulator.app_id())
            .app_host(emulator.base_url())
            .app_secret(emulator.app_secret())
            .build()?;
        let app = browser.with_access_token(access_token)?;
        Ok(Self {
            browser,
            app,
            push_account: Some(account.to_owned()),
            emulator: Some(emulator),
        })
    }

    /// Against the tenant named by `GENAUTH_*` variables, when they are set.
    pub fn from_env() -> Option<Result<Self, genauth::Error>> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let host_set = ["GENAUTH_APP_HOST", "GENAUTH_APP_ID", "GENAUTH_ACCESS_TOKEN"]
            .iter()
            .all(|name| var(name).is_some());
        if !host_set {
            return None;
        }
        let build = || -> Result<Self, genauth::Error> {
            let app = ClientBuilder::from_env().build()?;
            // The browser side has no user yet: the same app without the token.
            let browser = ClientBuilder::from_lookup(|name| {
                if name == "GENAUTH_ACCESS_TOKEN" {
                    None
                } else {
                    var(name)
                }
            })
            .build()?;
            Ok(Self {
                browser,
                app,
                push_account: var("GENAUTH_PUSH_ACCOUNT"),
                emulator: None,
            })
        };
        Some(build())
    }
}

/// Self-built app scan-code login: the browser shows a QR code, the app scans
/// it and the user decides, the browser polls and exchanges the ticket.
pub async fn scan_code_login(
    demo: &Demo,
    decision: Decision,
    log: &mut String,
) -> Result<Outcome, genauth::Error> {
    let qr = demo
        .browser
        .gene_qr_code(GenerateQrcodeDtoType::MobileApp, Default::default())
        .await?;
    let qrcode_id = qr.qrcode_id.unwrap_or_default();
    let _ = writeln!(log, "[browser] showing QR code {qrcode_id}");

    demo.app
        .change_qr_code_status(QrCodeAction::Scan, qrcode_id.as_str())
        .await?;
    let _ = writeln!(log, "[app]     scanned it (SCAN)");
    let action = match decision {
        Decision::Confirm => QrCodeAction::Confirm,
        Decision::Cancel => QrCodeAction::Cancel,
    };
    demo.app
        .change_qr_code_status(action, qrcode_id.as_str())
        .await?;
    let _ = writeln!(log, "[app]     user answered {action}");

    for _ in 0..MAX_POLLS {
        let status = demo.browser.check_qr_code_status(&qrcode_id).await?;
        let state = status.status.as_deref().unwrap_or("UNKNOWN");
        let _ = writeln!(log, "[browser] QR code status: {state}");
        match (state, status.ticket) {
            ("AUTHORIZED", Some(ticket)) => {
                let tokens = demo
                    .browser
                    .exchange_token_set_with_qr_code_ticket(ticket)
                    .await?;
                let _ = writeln!(
                    log,
                    "[browser] exchanged the ticket: {} token, expires in {} s",
                    tokens.token_type.as_deref().unwrap_or("?"),
                    tokens.expire_in.unwrap_or_default()
                );
                return Ok(Outcome::SignedIn(Box::new(tokens)));
            }
            ("CANCELLED", _) => return Ok(Outcome::Cancelled),
            ("EXPIRED" | "ERROR", _) => break,
            _ => tokio::time::sleep(POLL_INTERVAL).await,
        }
    }
    let _ = writeln!(
        log,
        "[browser] gave up: the QR code expired or was never answered"
    );
    Ok(Outcome::Cancelled)
}

/// Push login: the browser asks GenAuth to push to the account's phone, the
/// app answers, the browser checks.
pub async fn push_login(
    demo: &Demo,
    account: &str,
    decision: Decision,
    log: &mut String,
) -> Result<Outcome, genauth::Error> {
    let push = demo
        .browser
        .sign_in_by_push(account, Default::default())
        .await?;
    let push_code_id = push.push_code_id.unwrap_or_default();
    let _ = writeln!(
        log,
        "[browser] pushed a login request to {account}: {push_code_id}"
    );

    let action = match decision {
        Decision::Confirm => PushCodeAction::Confirm,
        Decision::Cancel => PushCodeAction::Cancel,
    };
    demo.app
        .change_push_code_status(action, push_code_id.as_str())
        .await?;
    let _ = writeln!(log, "[app]     user answered {action}");

    let status = demo.browser.check_push_code_status(&push_code_id).await?;
    let state = status.status.as_deref().unwrap_or("UNKNOWN");
    let _ = writeln!(log, "[browser] push code status: {state}");
    Ok(match (state, status.token_set) {
        ("AUTHORIZED", Some(tokens)) => Outcome::SignedIn(Box::new(tokens)),
        _ => Outcome::Cancelled,
    })
}

/// Runs both flows and returns the printed log.
pub async fn run(demo: &Demo, decision: Decision) -> Result<String, genauth::Error> {
    let mut log = String::new();
    let _ = writeln!(log, "== scan-code login ==");
    let outcome = scan_code_login(demo, decision, &mut log).await?;
    let _ = writeln!(log, "=> {}", describe(&outcome));
    match &demo.push_account {
        Some(account) => {
            let _ = writeln!(log, "== push login ==");
            let outcome = push_login(demo, account, decision, &mut log).await?;
            let _ = writeln!(log, "=> {}", describe(&outcome));
        }
        None => {
            let _ = writeln!(log, "(push login skipped: set GENAUTH_PUSH_ACCOUNT)");
        }
    }
    Ok(log)
}

fn describe(outcome: &Outcome) -> &'static str {
    match outcome {
        // Tokens are secrets: the log says that we have them, not what they are.
        Outcome::SignedIn(_) => "signed in (tokens received; not printed)",
        Outcome::Cancelled => "not signed in (the user cancelled)",
    }
}

#[allow(dead_code)]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    let decision = if std::env::args().any(|a| a == "--cancel") {
        Decision::Cancel
    } else {
        Decision::Confirm
    };
    let demo = match Demo::from_env() {
        Some(demo) => {
            println!("running against the tenant at GENAUTH_APP_HOST");
            demo
        }
        None => {
            println!(
                "running against an embedded GenAuth mock (set GENAUTH_APP_HOST, GENAUTH_APP_ID and GENAUTH_ACCESS_TOKEN for a real tenant)"
            );
            Demo::with_emulator(GenAuthEmulator::start())
        }
    };
    let result = match demo {
        Ok(demo) => run(&demo, decision).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(log) => {
            print!("{log}");
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

//! `cargo xtask fetch` over real HTTP (an httpmock server) and from files.
//!
//! Every failure must leave the committed snapshot byte-for-byte as it was,
//! leave no temporary file beside it, and explain itself in one line.

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use httpmock::prelude::*;
use serde_json::{Value, json};
use tempfile::TempDir;
use xtask::fetch::{FetchOptions, FetchReport, fetch};

const SPEC_PATH: &str = "/openapi.json";

/// A small valid OpenAPI 3.0.3 document with the given operationIds, each on
/// its own path.
fn spec(operation_ids: &[&str]) -> Value {
    let paths: serde_json::Map<String, Value> = operation_ids
        .iter()
        .map(|id| {
            (
                format!("/api/v3/{id}"),
                json!({
                    "get": {
                        "operationId": id,
                        "responses": { "200": { "description": "ok" } }
                    }
                }),
            )
        })
        .collect();
    json!({
        "openapi": "3.0.3",
        "info": { "title": "test", "version": "1.0.0" },
        "paths": paths
    })
}

fn body(document: &Value) -> String {
    serde_json::to_string_pretty(document).unwrap()
}

/// A directory holding only `openapi/upstream.json`, the snapshot a fetch replaces.
struct Snapshot {
    _dir: TempDir,
    directory: PathBuf,
    target: PathBuf,
    original: Vec<u8>,
}

impl Snapshot {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let directory = dir.path().join("openapi");
        std::fs::create_dir(&directory).unwrap();
        let target = directory.join("upstream.json");
        let original = body(&spec(&["signIn", "getProfile", "logout"])).into_bytes();
        std::fs::write(&target, &original).unwrap();
        Self {
            _dir: dir,
            directory,
            target,
            original,
        }
    }

    fn file_names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.directory)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The target is byte-for-byte what it was and nothing was left beside it.
    fn assert_untouched(&self) {
        assert_eq!(
            std::fs::read(&self.target).unwrap(),
            self.original,
            "the snapshot changed"
        );
        assert_eq!(
            self.file_names(),
            ["upstream.json"],
            "a file was left behind"
        );
    }

    /// Fetches `source` and returns the one-line error, after checking that
    /// nothing changed.
    fn fetch_error(&self, source: &str, options: &FetchOptions) -> String {
        let error = fetch(source, &self.target, options).expect_err("fetch should fail");
        let text = format!("{error:#}");
        assert!(!text.contains('\n'), "the error is not one line: {text:?}");
        self.assert_untouched();
        text
    }
}

fn quiet() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(10),
        progress: false,
    }
}

fn assert_contains(text: &str, phrase: &str) {
    assert!(text.contains(phrase), "{text:?} should contain {phrase:?}");
}

/// Serves `body` at [`SPEC_PATH`] with `status` and `content_type`.
fn serve(server: &MockServer, status: u16, content_type: &str, body: &str) {
    server.mock(|when, then| {
        when.method(GET).path(SPEC_PATH);
        then.status(status)
            .header("content-type", content_type)
            .body(body);
    });
}

#[test]
fn fetch_replaces_the_snapshot_and_reports_the_operation_changes() {
    let snapshot = Snapshot::new();
    let served = body(&spec(&[
        "signIn",
        "getProfile",
        "getLoginHistory",
        "unbindMfa",
    ]));
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.method(GET).path(SPEC_PATH);
        then.status(200)
            .header("content-type", "application/json")
            .body(&served);
    });
    let url = server.url(SPEC_PATH);

    let report = fetch(&url, &snapshot.target, &quiet()).unwrap();

    mock.assert();
    assert_eq!(
        report,
        FetchReport {
            source: url.clone(),
            bytes: served.len(),
            operations_before: 3,
            operations_after: 4,
            added: vec!["getLoginHistory".to_owned(), "unbindMfa".to_owned()],
            removed: vec!["logout".to_owned()],
        }
    );
    assert_eq!(std::fs::read(&snapshot.target).unwrap(), served.as_bytes());
    assert_eq!(snapshot.file_names(), ["upstream.json"]);
    let printed = report.to_string();
    assert_contains(&printed, "operations: 3 before, 4 after");
    assert_contains(&printed, "added operationIds: getLoginHistory, unbindMfa");
    assert_contains(&printed, "removed operationIds: logout");
    assert_contains(&printed, "next: map new operations in openapi/parity.tsv");
}

#[test]
fn fetch_of_the_same_operations_reports_no_change() {
    let snapshot = Snapshot::new();
    let server = MockServer::start();
    serve(
        &server,
        200,
        "application/json",
        &String::from_utf8(snapshot.original.clone()).unwrap(),
    );
    let report = fetch(&server.url(SPEC_PATH), &snapshot.target, &quiet()).unwrap();
    assert_eq!((report.operations_before, report.operations_after), (3, 3));
    let printed = report.to_string();
    assert_contains(&printed, "added operationIds: none");
    assert_contains(&printed, "removed operationIds: none");
    assert!(!printed.contains("next:"), "{printed}");
}

#[test]
fn fetch_fails_on_http_404() {
    let snapshot = Snapshot::new();
    let server = MockServer::start();
    serve(&server, 404, "text/plain", "Not Found");
    let error = snapshot.fetch_error(&server.url(SPEC_PATH), &quiet());
    assert_contains(&error, "answered HTTP 404 Not Found");
}

#[test]
fn fetch_fails_on_http_500() {
    let snapshot = Snapshot::new();
    let server = MockServer::start();
    serve(&server, 500, "application/json", r#"{"error": "boom"}"#);
    let error = snapshot.fetch_error(&server.url(SPEC_PATH), &quiet());
    assert_contains(&error, "answered HTTP 500 Internal Server Error");
}

#[test]
fn fetch_rejects_an_html_page() {
    let snapshot = Snapshot::new();
    let server = MockServer::start();
    serve(
        &server,
        200,
        "text/html; charset=utf-8",
        "<!DOCTYPE html>\n<html><head><title>API explorer</title></head><body>Sign in</body></html>",
    );
    let error = snapshot.fetch_error(&server.url(SPEC_PATH), &quiet());
    assert_contains(&error, "is not a usable OpenAPI 3.0 spec");
    assert_contains(&error, "returned an HTML or XML page");
}

#[test]
fn fetch_rejects_invalid_json() {
    let snapshot = Snapshot::new();
    let server = MockServer::start();
    serve(
        &server,
        200,
        "application/json",
        "{\"openapi\": \"3.0.3\",\n \"paths\": {",
    );
    let error = snapshot.fetch_error(&server.url(SPEC_PATH), &quiet());
    assert_contains(&error, "the source is not valid JSON");
}

#[test]
fn fetch_rejects_openapi_3_1() {
    let snapshot = Snapshot::new();
    let mut document = spec(&["signIn"]);
    document["openapi"] = json!("3.1.0");
    let server = MockServer::start();
    serve(&server, 200, "application/json", &body(&document));
    let error = snapshot.fetch_error(&server.url(SPEC_PATH), &quiet());
    assert_contains(
        &error,
        "OpenAPI 3.1.0 is not supported: the pipeline needs OpenAPI 3.0.x",
    );
}

#[test]
fn fetch_rejects_swagger_2() {
    let snapshot = Snapshot::new();
    let mut document = spec(&["signIn"]);
    let object = document.as_object_mut().unwrap();
    object.remove("openapi");
    object.insert("swagger".to_owned(), json!("2.0"));
    let server = MockServer::start();
    serve(&server, 200, "application/json", &body(&document));
    let error = snapshot.fetch_error(&server.url(SPEC_PATH), &quiet());
    assert_contains(&error, "Swagger/OpenAPI 2.0 is not supported");
}

#[test]
fn fetch_rejects_a_spec_without_paths() {
    let snapshot = Snapshot::new();
    let server = MockServer::start();
    serve(&server, 200, "application/json", &body(&spec(&[])));
    let error = snapshot.fetch_error(&server.url(SPEC_PATH), &quiet());
    assert_contains(&error, "the OpenAPI document has no paths");
}

#[test]
fn fetch_times_out_on_a_slow_server() {
    let snapshot = Snapshot::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path(SPEC_PATH);
        then.status(200)
            .header("content-type", "application/json")
            .body(body(&spec(&["signIn"])))
            .delay(Duration::from_secs(5));
    });
    let options = FetchOptions {
        timeout: Duration::from_millis(300),
        progress: false,
    };
    let started = Instant::now();
    let error = snapshot.fetch_error(&server.url(SPEC_PATH), &options);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the timeout was not applied: {:?}",
        started.elapsed()
    );
    assert_contains(&error, "cannot download");
    assert_contains(&error, "timed out");
}

#[test]
fn fetch_fails_on_an_unreachable_host() {
    let snapshot = Snapshot::new();
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}{SPEC_PATH}");
    let error = snapshot.fetch_error(&url, &quiet());
    assert_contains(&error, &format!("cannot download {url}: cannot connect ("));
    assert_contains(&error, "refused");
}

#[test]
fn fetch_reads_a_local_file() {
    let snapshot = Snapshot::new();
    let source_dir = tempfile::tempdir().unwrap();
    let source = source_dir.path().join("downloaded.json");
    let text = body(&spec(&["signIn", "getProfile", "logout", "signUp"]));
    std::fs::write(&source, &text).unwrap();
    let source = source.to_str().unwrap();

    let report = fetch(source, &snapshot.target, &quiet()).unwrap();

    assert_eq!(report.source, source);
    assert_eq!(report.added, ["signUp"]);
    assert!(report.removed.is_empty());
    assert_eq!(std::fs::read(&snapshot.target).unwrap(), text.as_bytes());
    assert_eq!(snapshot.file_names(), ["upstream.json"]);
}

#[test]
fn fetch_into_a_missing_snapshot_reports_every_operation_as_added() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.json");
    std::fs::write(&source, body(&spec(&["signIn", "logout"]))).unwrap();
    // Sorted, whatever order the document lists them in.
    let target = dir.path().join("new.json");
    let report = fetch(source.to_str().unwrap(), &target, &quiet()).unwrap();
    assert_eq!(report.operations_before, 0);
    assert_eq!(report.added, ["logout", "signIn"]);
    assert!(target.is_file());
}

#[test]
fn fetch_fails_on_a_missing_or_invalid_local_file() {
    let snapshot = Snapshot::new();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let error = snapshot.fetch_error(missing.to_str().unwrap(), &quiet());
    assert_contains(&error, &format!("cannot read {}", missing.display()));

    let swagger = dir.path().join("swagger.json");
    std::fs::write(&swagger, r#"{"swagger": "2.0", "paths": {"/a": {}}}"#).unwrap();
    let error = snapshot.fetch_error(swagger.to_str().unwrap(), &quiet());
    assert_contains(&error, "Swagger/OpenAPI 2.0 is not supported");
}

//! The crate's feature matrix, checked by running cargo: the minimal build
//! (`--no-default-features --features rustls-ring`) compiles and pulls in
//! neither the WebSocket nor the JWT stack; the default build has both; a
//! build without a TLS back end fails with a message that names the features;
//! the TLS features pull in only their own stack.
//!
//! The checks compile into their own target directory under `target/`, so they
//! never wait on (or invalidate) the build running these tests; only
//! `cargo check` of `genauth` itself runs, no test or link step.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}

fn cargo(args: &[&str]) -> Output {
    let root = workspace_root();
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("feature-checks");
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", target_dir)
        // The outer `cargo test` may set these for its own build.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The crate names in genauth's normal dependency tree with `features`.
fn dependencies(features: &[&str]) -> Vec<String> {
    let mut args = vec![
        "tree", "--locked", "-p", "genauth", "-e", "normal", "--prefix", "none", "--format", "{p}",
    ];
    args.extend_from_slice(features);
    let output = cargo(&args);
    assert!(
        output.status.success(),
        "cargo tree failed:\n{}",
        text(&output)
    );
    let mut names: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

const EVENTS_AND_JWT: [&str; 2] = ["tokio-tungstenite", "jsonwebtoken"];

#[test]
fn the_default_build_has_events_and_jwt() {
    let names = dependencies(&[]);
    for name in EVENTS_AND_JWT.into_iter().chain(["rustls", "ring"]) {
        assert!(names.iter().any(|n| n == name), "{name} missing: {names:?}");
    }
}

#[test]
fn the_minimal_build_compiles_without_events_and_jwt() {
    let minimal = ["--no-default-features", "--features", "rustls-ring"];
    let names = dependencies(&minimal);
    for name in EVENTS_AND_JWT {
        assert!(
            !names.iter().any(|n| n == name),
            "{name} is in the minimal build: {names:?}"
        );
    }
    let output = cargo(&[
        "check",
        "--locked",
        "-p",
        "genauth",
        "--no-default-features",
        "--features",
        "rustls-ring",
    ]);
    assert!(
        output.status.success(),
        "the minimal build does not compile:\n{}",
        text(&output)
    );
}

#[test]
fn each_tls_feature_pulls_in_only_its_own_stack() {
    let aws_lc = dependencies(&["--no-default-features", "--features", "rustls-aws-lc"]);
    assert!(aws_lc.iter().any(|n| n == "aws-lc-rs"), "{aws_lc:?}");
    assert!(!aws_lc.iter().any(|n| n == "ring"), "{aws_lc:?}");

    let native = dependencies(&["--no-default-features", "--features", "native-tls"]);
    assert!(native.iter().any(|n| n == "native-tls"), "{native:?}");
    for name in ["rustls", "ring", "aws-lc-rs"] {
        assert!(!native.iter().any(|n| n == name), "{name}: {native:?}");
    }
}

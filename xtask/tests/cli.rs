//! The `xtask` binary's command line: usage and one-line errors. Only commands
//! that fail before writing anything run here, since the binary works on the
//! real workspace.

use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env_remove(xtask::fetch::SOURCE_ENV)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_lists_the_commands() {
    let output = xtask(&["--help"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for command in [
        "fetch [--api <name>] [--from",
        "normalize",
        "check",
        "GENAUTH_OPENAPI_URL",
    ] {
        assert!(text.contains(command), "{text}");
    }
}

#[test]
fn an_unknown_command_fails_with_usage() {
    let output = xtask(&["frobnicate"]);
    assert!(!output.status.success());
    let text = stderr(&output);
    assert!(
        text.starts_with("error: unknown command `frobnicate`"),
        "{text}"
    );
    assert!(text.contains("usage: cargo xtask <command>"), "{text}");
}

#[test]
fn fetch_without_a_source_names_the_flag_and_the_variable() {
    let output = xtask(&["fetch"]);
    assert!(!output.status.success());
    assert_eq!(
        stderr(&output),
        "error: no source: pass --from <URL or path> or set GENAUTH_OPENAPI_URL\n"
    );
}

#[test]
fn fetch_from_a_missing_file_fails_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let output = xtask(&["fetch", "--from", missing.to_str().unwrap()]);
    assert!(!output.status.success());
    let text = stderr(&output);
    assert!(
        text.starts_with(&format!("error: cannot read {}: ", missing.display())),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "{text}");
}

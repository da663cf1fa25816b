//! The published crates' documentation builds without a rustdoc warning
//! (bare URLs, broken Markdown from the spec's descriptions, broken
//! intra-doc links), the Management API and its typed mocks included.

use std::path::Path;
use std::process::Command;

#[test]
fn the_published_crates_document_without_warnings() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root"); // ok: test
    let output = Command::new(env!("CARGO"))
        .args(["doc", "--no-deps", "--locked"])
        .args(["-p", "genauth-api", "-p", "genauth-management-api"])
        .args([
            "-p",
            "genauth-mock",
            "-p",
            "genauth",
            "--features",
            "genauth/management,genauth-mock/management",
        ])
        .env("RUSTDOCFLAGS", "-D warnings")
        // Its own target directory: the `cargo test` running this holds
        // the build lock of the usual one.
        .env("CARGO_TARGET_DIR", workspace.join("target/doc-check"))
        .current_dir(workspace)
        .output()
        .expect("cargo runs"); // ok: test
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "rustdoc failed:\n{stderr}");
    assert!(!stderr.contains("warning:"), "rustdoc warned:\n{stderr}");
}

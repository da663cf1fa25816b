//! The published crates leave this repository intact: `cargo package
//! --workspace` packages every publishable crate and, with its verification,
//! builds each one from the packaged files alone (as crates.io and docs.rs
//! would), so no build script or `include_str!` may reach outside its own
//! package.
//!
//! The packaged builds go to their own target directory, so they never
//! contend with the build lock of the `cargo test` that runs this test.

use std::path::Path;
use std::process::Command;

#[test]
fn every_published_crate_packages_and_builds_from_its_own_files() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root"); // ok: test
    let output = Command::new(env!("CARGO"))
        .args(["package", "--workspace", "--locked", "--allow-dirty"])
        // Never published (`publish = false`), so not worth a packaged build.
        .args(["--exclude", "xtask", "--exclude", "genauth-contract-tests"])
        .args(["--exclude", "genauth-benches"])
        .env("CARGO_TARGET_DIR", workspace.join("target/package-check"))
        .current_dir(workspace)
        .output()
        .expect("cargo runs"); // ok: test
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo package failed:\n{stderr}");
    for published in [
        "genauth-codegen",
        "genauth-api",
        "genauth-management-api",
        "genauth-mock",
        "genauth",
    ] {
        assert!(
            stderr.contains(&format!("Verifying {published} v")),
            "{published} was not packaged and verified:\n{stderr}"
        );
    }
}

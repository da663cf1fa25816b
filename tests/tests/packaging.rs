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

const PUBLISHED: [&str; 5] = [
    "genauth-codegen",
    "genauth-api",
    "genauth-management-api",
    "genauth-mock",
    "genauth",
];

#[test]
fn every_published_crate_packages_and_builds_from_its_own_files() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root"); // ok: test
    let target_dir = workspace.join("target/package-check");
    // The verification takes each crate's siblings from a local registry,
    // which cargo unpacks into its home (under a name-less registry, `-<hash>`)
    // and builds, both kept by version alone: a previous run's copy of the
    // same version would stand in for today's sources. Both are removed.
    forget_unpacked_copies();
    let cleaned = Command::new(env!("CARGO"))
        .args(["clean", "--quiet"])
        .args(PUBLISHED.iter().flat_map(|name| ["-p", name]))
        .env("CARGO_TARGET_DIR", &target_dir)
        .current_dir(workspace)
        .status()
        .expect("cargo runs"); // ok: test
    assert!(cleaned.success(), "cargo clean failed");
    let output = Command::new(env!("CARGO"))
        .args(["package", "--workspace", "--locked", "--allow-dirty"])
        // Never published (`publish = false`), so not worth a packaged build.
        .args(["--exclude", "xtask", "--exclude", "genauth-contract-tests"])
        .args(["--exclude", "genauth-benches"])
        .env("CARGO_TARGET_DIR", &target_dir)
        .current_dir(workspace)
        .output()
        .expect("cargo runs"); // ok: test
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo package failed:\n{stderr}");
    for published in PUBLISHED {
        assert!(
            stderr.contains(&format!("Verifying {published} v")),
            "{published} was not packaged and verified:\n{stderr}"
        );
    }
}

/// Removes the copies of the published crates that earlier verifications
/// unpacked from their local registries into cargo's home.
fn forget_unpacked_copies() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    let Some(sources) = cargo_home.map(|home| home.join("registry/src")) else {
        return;
    };
    let Ok(registries) = std::fs::read_dir(&sources) else {
        return;
    };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue; // a named registry, such as crates.io's
        }
        let Ok(copies) = std::fs::read_dir(registry.path()) else {
            continue;
        };
        for copy in copies.flatten() {
            let file_name = copy.file_name();
            let file_name = file_name.to_string_lossy();
            let published = PUBLISHED.iter().any(|name| {
                file_name
                    .strip_prefix(name)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|version| version.starts_with(|c: char| c.is_ascii_digit()))
            });
            if published {
                std::fs::remove_dir_all(copy.path()).expect("an unpacked copy can be removed"); // ok: test
            }
        }
    }
}

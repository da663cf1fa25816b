//! `normalize` and `check` on the committed files under `openapi/`.

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;
use xtask::check::{check, sha256_hex};
use xtask::normalize::{normalize, normalized_text};
use xtask::operations::OperationTable;
use xtask::paths::Workspace;
use xtask::spec::{self, to_canonical_json};

/// The CI drift check: the committed normalized spec is exactly what
/// `cargo xtask normalize` derives from the committed upstream snapshot, and
/// `openapi/README.md` records the snapshot's sha256.
#[test]
fn committed_normalized_spec_is_fresh() {
    if let Err(error) = check(&Workspace::locate()) {
        panic!("{error:#}");
    }
}

#[test]
fn normalize_is_deterministic() {
    let workspace = Workspace::locate();
    let (first, first_report) = normalized_text(&workspace).unwrap();
    let (second, second_report) = normalized_text(&workspace).unwrap();
    assert!(first == second, "two runs gave different text");
    assert_eq!(first_report.steps, second_report.steps);
    assert!(first.ends_with("}\n"));
}

#[test]
fn normalize_is_idempotent() {
    let workspace = Workspace::locate();
    let table = OperationTable::read(&workspace.operations_table()).unwrap();
    let (text, first_report) = normalized_text(&workspace).unwrap();
    assert!(
        first_report.steps.iter().any(|step| step.changes > 0),
        "the upstream snapshot should need normalizing"
    );

    let normalized = spec::parse_openapi_3_0(text.as_bytes()).unwrap();
    let (again, report) = normalize(&normalized, &table).unwrap();
    assert!(
        to_canonical_json(&again) == text,
        "normalizing the normalized spec changed it"
    );
    for step in &report.steps {
        assert_eq!(step.changes, 0, "{} changed the normalized spec", step.step);
    }
}

#[test]
fn normalized_operation_ids_are_the_facade_names_of_parity_tsv() {
    let workspace = Workspace::locate();
    let normalized = spec::read_openapi(&workspace.normalized_spec()).unwrap();
    let table = OperationTable::read(&workspace.operations_table()).unwrap();

    let operations = spec::operations(&normalized);
    assert_eq!(operations.len(), 117);
    assert_eq!(table.len(), 117);

    let mut ids = spec::operation_ids(&normalized);
    assert_eq!(ids.len(), 117, "every operation has an operationId");
    ids.sort();
    let mut facade_names: Vec<String> = table.rows().map(|r| r.facade_name.clone()).collect();
    facade_names.sort();
    assert_eq!(ids, facade_names);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), 117, "operationIds are unique");

    // Each operation carries the facade name of its own row.
    for op in operations {
        let row = table
            .get(op.method, op.path)
            .unwrap_or_else(|| panic!("{} {} is not in parity.tsv", op.method, op.path));
        assert_eq!(op.operation["operationId"], row.facade_name.as_str());
    }
}

/// A temporary workspace holding copies of the committed `openapi/` files and
/// a README that records the upstream sha256.
fn copied_workspace() -> (TempDir, Workspace) {
    let real = Workspace::locate();
    let dir = tempfile::tempdir().unwrap();
    let copy = Workspace::at(dir.path());
    std::fs::create_dir(dir.path().join("openapi")).unwrap();
    for (from, to) in [
        (real.upstream_spec(), copy.upstream_spec()),
        (real.normalized_spec(), copy.normalized_spec()),
        (real.operations_table(), copy.operations_table()),
    ] {
        std::fs::copy(from, to).unwrap();
    }
    let digest = sha256_hex(&std::fs::read(copy.upstream_spec()).unwrap());
    write_readme(dir.path(), &format!("# spec\n\nsha256: `{digest}`\n"));
    (dir, copy)
}

fn write_readme(root: &Path, text: &str) {
    std::fs::write(root.join("openapi/README.md"), text).unwrap();
}

#[test]
fn check_passes_on_an_unmodified_copy() {
    let (_dir, workspace) = copied_workspace();
    check(&workspace).unwrap();
}

#[test]
fn check_detects_a_hand_edited_normalized_spec() {
    let (_dir, workspace) = copied_workspace();
    let path = workspace.normalized_spec();
    let committed = std::fs::read_to_string(&path).unwrap();
    let original = "\n    \"version\": \"3.0.0\"\n";
    assert_eq!(
        committed.matches(original).count(),
        1,
        "info.version occurs once"
    );
    std::fs::write(
        &path,
        committed.replace(original, "\n    \"version\": \"3.0.0-edited\"\n"),
    )
    .unwrap();

    let error = format!("{:#}", check(&workspace).unwrap_err());
    assert!(error.contains("is stale or hand-edited"), "{error}");
    assert!(error.contains("run `cargo xtask normalize`"), "{error}");
    // The diff excerpt names the difference.
    assert!(error.contains("--- committed"), "{error}");
    assert!(error.contains("+++ normalize would write"), "{error}");
    assert!(
        error.contains("-    \"version\": \"3.0.0-edited\""),
        "{error}"
    );
    assert!(error.contains("+    \"version\": \"3.0.0\""), "{error}");
}

#[test]
fn check_fails_when_the_readme_lacks_the_upstream_sha256() {
    let (dir, workspace) = copied_workspace();
    write_readme(dir.path(), "# spec\n\nNo provenance here.\n");
    let digest = sha256_hex(&std::fs::read(workspace.upstream_spec()).unwrap());
    let error = format!("{:#}", check(&workspace).unwrap_err());
    assert!(
        error.contains(&format!(
            "openapi/README.md does not record the upstream snapshot's sha256 {digest}"
        )),
        "{error}"
    );
}

#[test]
fn check_fails_when_the_upstream_snapshot_changed() {
    let (_dir, workspace) = copied_workspace();
    // Same document, different bytes: the recorded sha256 no longer matches.
    let upstream: Value =
        serde_json::from_slice(&std::fs::read(workspace.upstream_spec()).unwrap()).unwrap();
    std::fs::write(
        workspace.upstream_spec(),
        serde_json::to_string(&upstream).unwrap(),
    )
    .unwrap();
    let error = format!("{:#}", check(&workspace).unwrap_err());
    assert!(
        error.contains("does not record the upstream snapshot's sha256"),
        "{error}"
    );
}

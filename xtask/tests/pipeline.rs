//! `normalize` and `check` on the committed files under `openapi/`.

use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;
use xtask::check::{check, sha256_hex};
use xtask::derive::write_all;
use xtask::normalize::{normalize, normalized_text};
use xtask::operations::OperationTable;
use xtask::paths::{APIS, AUTHENTICATION, FACADE_EXCEPTIONS, MANAGEMENT, Workspace};
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
    for api in APIS {
        let (first, first_report) = normalized_text(&workspace, api).unwrap();
        let (second, second_report) = normalized_text(&workspace, api).unwrap();
        assert!(
            first == second,
            "{}: two runs gave different text",
            api.name
        );
        assert_eq!(first_report.steps, second_report.steps);
        assert!(first.ends_with("}\n"));
    }
}

#[test]
fn normalize_is_idempotent() {
    let workspace = Workspace::locate();
    for api in APIS {
        let table = OperationTable::read(&workspace.operations_table(api)).unwrap();
        let (text, first_report) = normalized_text(&workspace, api).unwrap();
        assert!(
            first_report.steps.iter().any(|step| step.changes > 0),
            "{}: the upstream snapshot should need normalizing",
            api.name
        );

        let normalized = spec::parse_openapi_3_0(text.as_bytes()).unwrap();
        let (again, report) = normalize(&normalized, &table, api.rules).unwrap();
        assert!(
            to_canonical_json(&again) == text,
            "{}: normalizing the normalized spec changed it",
            api.name
        );
        for step in &report.steps {
            assert_eq!(
                step.changes, 0,
                "{}: {} changed the normalized spec",
                api.name, step.step
            );
        }
    }
}

#[test]
fn normalized_operation_ids_are_the_facade_names_of_the_naming_tables() {
    let workspace = Workspace::locate();
    for (api, count) in [(AUTHENTICATION, 117), (MANAGEMENT, 422)] {
        let normalized = spec::read_openapi(&workspace.normalized_spec(&api)).unwrap();
        let table = OperationTable::read(&workspace.operations_table(&api)).unwrap();

        let operations = spec::operations(&normalized);
        assert_eq!(operations.len(), count, "{}", api.name);
        assert_eq!(table.len(), count, "{}", api.name);

        let mut ids = spec::operation_ids(&normalized);
        assert_eq!(ids.len(), count, "every operation has an operationId");
        ids.sort();
        let mut facade_names: Vec<String> = table.rows().map(|r| r.facade_name.clone()).collect();
        facade_names.sort();
        assert_eq!(ids, facade_names);
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(unique.len(), count, "operationIds are unique");

        // Each operation carries the facade name of its own row.
        for op in operations {
            let row = table
                .get(op.method, op.path)
                .unwrap_or_else(|| panic!("{} {} is not in {}", op.method, op.path, api.table));
            assert_eq!(op.operation["operationId"], row.facade_name.as_str());
        }
    }
}

/// What the management normalization had to correct, read back from the
/// committed normalized spec (`openapi/README.md`, Management section).
#[test]
fn the_management_spec_is_corrected_as_documented() {
    let workspace = Workspace::locate();
    let normalized = spec::read_openapi(&workspace.normalized_spec(&MANAGEMENT)).unwrap();
    let schemas = &normalized["components"]["schemas"];

    // The webhook update takes exactly the events the create takes.
    let events = |schema: &str| schemas[schema]["properties"]["events"]["items"]["enum"].clone();
    assert_eq!(events("UpdateWebhookDto"), events("CreateWebhookDto"));
    assert!(
        events("CreateWebhookDto")
            .as_array()
            .is_some_and(|v| v.len() == 76)
    );
    for schema in ["ListUsersOptionsDto", "ListPublicAccountsOptionsDto"] {
        let values = &schemas[schema]["properties"]["fuzzySearchOn"]["items"]["enum"];
        assert!(
            values.as_array().unwrap().contains(&Value::from("profile")),
            "{schema}"
        );
        assert!(
            !values
                .as_array()
                .unwrap()
                .contains(&Value::from(" profile")),
            "{schema}"
        );
    }

    // Integers where the wire has them; coordinates stay numbers.
    assert_eq!(
        schemas["GeoIpLocation"]["properties"]["lat"]["type"],
        "number"
    );
    assert_eq!(
        schemas["GeoIpLocation"]["properties"]["lon"]["type"],
        "number"
    );
    assert_eq!(
        schemas["FunctionModelFieldDto"]["properties"]["type"]["type"],
        "integer"
    );

    // Secrets.
    assert_eq!(
        schemas["GetManagementAccessTokenDto"]["properties"]["accessKeySecret"]["format"],
        "password"
    );

    // The token endpoint stays, under its facade name.
    assert_eq!(
        normalized["paths"]["/api/v3/get-management-token"]["post"]["operationId"],
        "get_management_token"
    );
    // Kept as upstream: no /api/v3 prefix, and the three DELETEs by `{id}`.
    assert!(normalized["paths"]["/get-row-batch"]["post"].is_object());
    for path in [
        "/api/v3/ip-list/{id}",
        "/api/v3/user-list/{id}",
        "/api/v3/risk-list-policy/{id}",
    ] {
        let parameters = &normalized["paths"][path]["delete"]["parameters"];
        assert_eq!(parameters[0]["in"], "path", "{path}");
        assert_eq!(parameters[0]["name"], "id", "{path}");
    }
}

/// A temporary workspace holding copies of the committed `openapi/` files and
/// a README that records the upstream sha256.
fn copied_workspace() -> (TempDir, Workspace) {
    let real = Workspace::locate();
    let dir = tempfile::tempdir().unwrap();
    let copy = Workspace::at(dir.path());
    let mut readme = String::from("# spec\n\n");
    for api in APIS {
        let mut files = vec![api.upstream, api.normalized, api.table, api.facade];
        files.extend(api.crate_copies);
        files.extend(api.contract_calls);
        files.push(FACADE_EXCEPTIONS);
        for file in files {
            let to = copy.file(file);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(real.file(file), to).unwrap();
        }
        let digest = sha256_hex(&std::fs::read(copy.upstream_spec(api)).unwrap());
        readme.push_str(&format!("sha256 of {}: `{digest}`\n", api.upstream));
    }
    write_readme(dir.path(), &readme);
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
    let path = workspace.normalized_spec(&AUTHENTICATION);
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
    let digest = sha256_hex(&std::fs::read(workspace.upstream_spec(&AUTHENTICATION)).unwrap());
    let error = format!("{:#}", check(&workspace).unwrap_err());
    assert!(
        error.contains(&format!(
            "openapi/README.md does not record the sha256 {digest} of {}",
            AUTHENTICATION.upstream
        )),
        "{error}"
    );
}

#[test]
fn check_fails_when_the_upstream_snapshot_changed() {
    let (_dir, workspace) = copied_workspace();
    // Same document, different bytes: the recorded sha256 no longer matches.
    let upstream: Value =
        serde_json::from_slice(&std::fs::read(workspace.upstream_spec(&AUTHENTICATION)).unwrap())
            .unwrap();
    std::fs::write(
        workspace.upstream_spec(&AUTHENTICATION),
        serde_json::to_string(&upstream).unwrap(),
    )
    .unwrap();
    let error = format!("{:#}", check(&workspace).unwrap_err());
    assert!(
        error.contains("openapi/README.md does not record the sha256"),
        "{error}"
    );
}

#[test]
fn check_detects_a_hand_edited_crate_copy_and_facade() {
    for file in [AUTHENTICATION.crate_copies[0], AUTHENTICATION.facade] {
        let (_dir, workspace) = copied_workspace();
        let path = workspace.file(file);
        let committed = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{committed}\n")).unwrap();
        let error = format!("{:#}", check(&workspace).unwrap_err());
        assert!(error.contains("is stale or hand-edited"), "{file}: {error}");
        assert!(error.contains(file), "{file}: {error}");
    }
}

/// Issue 11's promise: an operation added upstream becomes, after
/// `normalize`, a typed and documented facade method with no hand edit, named
/// by its operationId when the naming table has no row for it.
#[test]
fn an_operation_added_upstream_becomes_a_facade_method() {
    let (_dir, workspace) = copied_workspace();
    let upstream_path = workspace.upstream_spec(&AUTHENTICATION);
    let mut upstream: Value =
        serde_json::from_slice(&std::fs::read(&upstream_path).unwrap()).unwrap();
    upstream["paths"]["/api/v3/frobnicate-widget/{widgetId}"] = serde_json::json!({
        "post": {
            "operationId": "frobnicateWidget",
            "summary": "Frobnicate a widget",
            "description": "Turns the widget's knobs.",
            "tags": ["Widgets"],
            "parameters": [
                { "name": "widgetId", "in": "path", "required": true, "schema": { "type": "string" } },
                { "name": "dryRun", "in": "query", "required": false, "schema": { "type": "boolean" }, "description": "Only report what would change" }
            ],
            "requestBody": {
                "required": true,
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/FrobnicateWidgetDto" } } }
            },
            "responses": { "200": { "description": "", "content": { "application/json": {
                "schema": { "$ref": "#/components/schemas/IsSuccessRespDto" } } } } }
        }
    });
    upstream["components"]["schemas"]["FrobnicateWidgetDto"] = serde_json::json!({
        "type": "object",
        "required": ["knob"],
        "properties": {
            "knob": { "type": "string", "description": "Which knob" },
            "turns": { "type": "number", "description": "How far" }
        }
    });
    std::fs::write(
        &upstream_path,
        serde_json::to_vec_pretty(&upstream).unwrap(),
    )
    .unwrap();

    let written = write_all(&workspace).unwrap();
    let report = written[0].report.to_string();
    assert!(
        report.contains("not in openapi/parity.tsv, named by their operationId: POST /api/v3/frobnicate-widget/{widgetId} -> frobnicate_widget"),
        "{report}"
    );

    let normalized = std::fs::read_to_string(workspace.normalized_spec(&AUTHENTICATION)).unwrap();
    assert!(normalized.contains("\"operationId\": \"frobnicate_widget\""));
    for copy in AUTHENTICATION.crate_copies {
        assert_eq!(
            std::fs::read_to_string(workspace.file(copy)).unwrap(),
            normalized,
            "{copy}"
        );
    }

    let facade = std::fs::read_to_string(workspace.file(AUTHENTICATION.facade)).unwrap();
    // Compared without whitespace and trailing commas, so that formatting
    // does not matter.
    let squeeze = |text: &str| {
        let bare: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        bare.replace(",)", ")").replace(",}", "}")
    };
    let compact = squeeze(&facade);
    for expected in [
        "/// # Widgets /// /// The 1 operation of the spec's `Widgets` tag.",
        "/// Frobnicate a widget /// /// Turns the widget's knobs. /// /// Sends `POST /api/v3/frobnicate-widget/{widgetId}`.",
        "pub async fn frobnicate_widget( &self, widget_id: &str, knob: impl Into<String>, options: FrobnicateWidgetOptions, ) -> Result<types::IsSuccessDto>",
        "crate::call::check_path_parameters(\"frobnicate_widget\", &[(\"widget_id\", widget_id)])?;",
        "let body = types::FrobnicateWidgetDto { knob: knob.into(), turns: options.turns, };",
        "self.api.frobnicate_widget_request(widget_id, options.dry_run, &body)",
        "pub struct FrobnicateWidgetOptions { /// `dryRun`: Only report what would change pub dry_run: Option<bool>, /// `turns`: How far pub turns: Option<f64>, }",
    ] {
        assert!(
            compact.contains(&squeeze(expected)),
            "missing `{expected}` in:\n{facade}"
        );
    }
    assert!(facade.starts_with("// @generated"));
    // And the whole pipeline agrees with itself afterwards.
    check(&workspace).unwrap_err(); // the README does not know the new upstream sha256 yet
    let digest = sha256_hex(&std::fs::read(&upstream_path).unwrap());
    // The other APIs' digests stay recorded.
    let readme = std::fs::read_to_string(workspace.file("openapi/README.md")).unwrap();
    write_readme(workspace.root(), &format!("{readme}sha256: `{digest}`\n"));
    check(&workspace).unwrap();
}

//! `cargo xtask normalize`: rewrites the upstream spec into the spec that code
//! generation reads. Each step is a small named function that returns how much it
//! changed; `openapi/README.md` lists the steps and the reason for each.
//!
//! Deterministic (same input, byte-identical output) and idempotent (normalizing
//! the normalized spec changes nothing).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use anyhow::{Context, bail};
use serde_json::{Map, Value, json};

use crate::operations::OperationTable;
use crate::paths::Workspace;
use crate::spec::{self, for_each_operation_mut, to_canonical_json};

/// Property names whose upstream `number` is an integer on the wire: envelope
/// codes, counters, durations in seconds, millisecond timestamps, COSE
/// algorithm identifiers. Every name must still occur upstream, so the list
/// cannot silently go stale. `lat` and `lon` stay `number`.
pub const INTEGER_PROPERTIES: [&str; 15] = [
    "statusCode",
    "apiCode",
    "totalCount",
    "tokenExpiresIn",
    "expire_in",
    "expireTime",
    "passwordSecurityLevel",
    "securityScore",
    "verifyCodeMaxErrCount",
    "exp",
    "iat",
    "disableTime",
    "loginsCount",
    "timeout",
    "alg",
];

/// Query parameters whose upstream `number` is an integer: paging, and the
/// millisecond timestamps bounding `get_login_history`.
pub const INTEGER_QUERY_PARAMETERS: [&str; 4] = ["page", "limit", "start", "end"];

/// The schema that stands in for an untyped (`{}`) response: the envelope every
/// V3 endpoint answers with, its `data` left free-form.
pub const UNTYPED_RESPONSE_SCHEMA: &str = "UntypedRespDto";

/// Properties and query parameters that carry a password, a one-time code, a
/// client secret or a token. They get `format: password` (OpenAPI's marker for
/// sensitive strings), which the generator maps to a type whose `Debug` is
/// redacted.
pub const SECRET_FIELDS: [&str; 27] = [
    "password",
    "newPassword",
    "oldPassword",
    "passwordForPhonePassCode",
    "passCode",
    "newEmailPassCode",
    "newPhonePassCode",
    "oldEmailPassCode",
    "oldPhonePassCode",
    "emailPassCodeForInformationCompletion",
    "phonePassCodeForInformationCompletion",
    "recoveryCode",
    "totp",
    "client_secret",
    "appSecret",
    "accessToken",
    "access_token",
    "id_token",
    "refreshToken",
    "refresh_token",
    "ticket",
    "token",
    "passwordResetToken",
    "deleteAccountToken",
    "updateEmailToken",
    "updatePhoneToken",
    "enrollmentToken",
];

/// The envelope fields every response may carry on failure.
const ENVELOPE_FIELDS: [&str; 4] = ["statusCode", "message", "apiCode", "requestId"];

/// What one step changed, for the summary `normalize` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepReport {
    pub step: &'static str,
    pub changes: usize,
    pub detail: String,
}

/// The reports of all steps, in order.
#[derive(Debug, Clone, Default)]
pub struct NormalizeReport {
    pub steps: Vec<StepReport>,
}

impl fmt::Display for NormalizeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for step in &self.steps {
            writeln!(
                f,
                "{:<36} {:>5} change(s){}",
                step.step, step.changes, step.detail
            )?;
        }
        Ok(())
    }
}

/// Runs every step over `upstream`, returning the normalized document.
pub fn normalize(
    upstream: &Value,
    table: &OperationTable,
) -> anyhow::Result<(Value, NormalizeReport)> {
    let mut document = upstream.clone();
    let mut report = NormalizeReport::default();
    let mut record = |step: &'static str, changes: usize, detail: String| {
        report.steps.push(StepReport {
            step,
            changes,
            detail,
        });
    };

    let renamed = rename_operation_ids(&mut document, table)?;
    record("1. operationIds -> facade names", renamed, String::new());

    let (properties, parameters) = integer_fields(&mut document)?;
    record(
        "2. integer fields",
        properties + parameters,
        format!(" ({properties} properties, {parameters} query parameters)"),
    );

    let unwrapped = unwrap_described_references(&mut document);
    record(
        "2b. described references unwrapped",
        unwrapped,
        String::new(),
    );

    let untyped = untyped_responses_get_envelope(&mut document);
    record("3a. untyped responses -> envelope", untyped, String::new());
    let envelopes = envelope_data_optional(&mut document);
    record("3b. envelope `data` not required", envelopes, String::new());
    let failure_fields = raw_responses_carry_failure_envelope(&mut document);
    record(
        "3c. raw responses carry the envelope",
        failure_fields,
        String::new(),
    );

    let forward = forward_compatible_responses(&mut document);
    record(
        "4. forward-compatible responses",
        forward.enums_opened + forward.required_relaxed + forward.made_nullable,
        format!(
            " ({} enums opened, {} required fields relaxed, {} fields made nullable)",
            forward.enums_opened, forward.required_relaxed, forward.made_nullable
        ),
    );

    let secrets = secret_fields(&mut document)?;
    record("4b. secret fields", secrets, String::new());

    let enforced = progenitor_invariants(&mut document)?;
    record("5. progenitor invariants", enforced, String::new());

    let reordered = stable_order(&mut document);
    record("6. stable ordering", reordered, String::new());

    Ok((document, report))
}

/// Reads the committed upstream spec and operation table and returns the
/// canonical text of the normalized spec.
pub fn normalized_text(workspace: &Workspace) -> anyhow::Result<(String, NormalizeReport)> {
    let upstream = spec::read_openapi(&workspace.upstream_spec())?;
    let table = OperationTable::read(&workspace.operations_table())?;
    let (document, report) = normalize(&upstream, &table)?;
    Ok((to_canonical_json(&document), report))
}

/// `cargo xtask normalize`: writes the normalized spec.
pub fn write_normalized(workspace: &Workspace) -> anyhow::Result<NormalizeReport> {
    let (text, report) = normalized_text(workspace)?;
    let target = workspace.normalized_spec();
    std::fs::write(&target, text).with_context(|| format!("cannot write {}", target.display()))?;
    Ok(report)
}

/// Step 1: every operationId becomes its facade name, looked up by method and
/// path in the committed table. An operation the table does not list is an
/// error, and so is a table row whose upstream operationId disagrees.
pub fn rename_operation_ids(document: &mut Value, table: &OperationTable) -> anyhow::Result<usize> {
    let mut changed = 0;
    let mut errors = Vec::new();
    let mut seen = 0;
    for_each_operation_mut(document, |method, path, operation| {
        seen += 1;
        let current = operation
            .get("operationId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let Some(row) = table.get(method, path) else {
            errors.push(format!(
                "{} {path} (operationId `{current}`) is not in openapi/parity.tsv",
                method.to_uppercase()
            ));
            return;
        };
        if current != row.upstream_operation_id && current != row.facade_name {
            errors.push(format!(
                "{} {path}: operationId `{current}` is neither `{}` nor `{}` as openapi/parity.tsv says",
                method.to_uppercase(),
                row.upstream_operation_id,
                row.facade_name
            ));
            return;
        }
        if current != row.facade_name {
            operation["operationId"] = Value::String(row.facade_name.clone());
            changed += 1;
        }
    });
    if seen != table.len() && errors.is_empty() {
        errors.push(format!(
            "the spec has {seen} operations but openapi/parity.tsv lists {}",
            table.len()
        ));
    }
    if !errors.is_empty() {
        bail!("operation mapping: {}", errors.join("; "));
    }
    Ok(changed)
}

/// Step 2: `number` becomes `integer` (int64) for the listed property names and
/// query parameters, and only for them. Returns (properties, parameters).
pub fn integer_fields(document: &mut Value) -> anyhow::Result<(usize, usize)> {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut properties = 0;
    if let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            visit_schemas_mut(schema, &mut |node| {
                let Some(props) = node.get_mut("properties").and_then(Value::as_object_mut) else {
                    return;
                };
                for (name, property) in props.iter_mut() {
                    if let Some(listed) = INTEGER_PROPERTIES.iter().find(|n| **n == name) {
                        if is_numeric(property) {
                            used.insert(listed);
                        }
                        if make_integer(property) {
                            properties += 1;
                        }
                    }
                }
            });
        }
    }
    let mut parameters = 0;
    for_each_operation_mut(document, |_, _, operation| {
        let Some(list) = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
        else {
            return;
        };
        for parameter in list {
            let name = parameter
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let in_query = parameter.get("in").and_then(Value::as_str) == Some("query");
            if let (true, Some(listed)) = (
                in_query,
                INTEGER_QUERY_PARAMETERS.iter().find(|n| **n == name),
            ) {
                if let Some(schema) = parameter.get_mut("schema") {
                    if is_numeric(schema) {
                        used.insert(listed);
                    }
                    if make_integer(schema) {
                        parameters += 1;
                    }
                }
            }
        }
    });
    let unused: Vec<&str> = INTEGER_PROPERTIES
        .iter()
        .chain(INTEGER_QUERY_PARAMETERS.iter())
        .copied()
        .filter(|name| !used.contains(name))
        .collect();
    if !unused.is_empty() {
        bail!(
            "integer rule names fields the spec no longer has: {}",
            unused.join(", ")
        );
    }
    Ok((properties, parameters))
}

fn is_numeric(schema: &Value) -> bool {
    matches!(
        schema.get("type").and_then(Value::as_str),
        Some("number" | "integer")
    )
}

/// Turns a `number` schema into `integer`/`int64`; true when it changed.
fn make_integer(schema: &mut Value) -> bool {
    if schema.get("type").and_then(Value::as_str) != Some("number") {
        return false;
    }
    schema["type"] = json!("integer");
    schema["format"] = json!("int64");
    if let Some(default) = schema.get("default").and_then(Value::as_f64) {
        if default.fract() == 0.0 {
            schema["default"] = json!(default as i64);
        }
    }
    true
}

/// Step 2b: `{allOf: [{$ref}], description}` (NestJS's way of describing a
/// reference) becomes `{$ref, description}`. OpenAPI 3.0 tools read the
/// reference and ignore the sibling description, which stays for readers; the
/// generator then uses the referenced type itself instead of a wrapper.
pub fn unwrap_described_references(document: &mut Value) -> usize {
    let mut changed = 0;
    visit_all_mut(document, &mut |node| {
        let Some(object) = node.as_object_mut() else {
            return;
        };
        let single_ref = match object
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            Some([member])
                if member
                    .as_object()
                    .is_some_and(|m| m.len() == 1 && m.contains_key("$ref")) =>
            {
                member.clone()
            }
            _ => return,
        };
        object.remove("allOf");
        object.insert("$ref".to_owned(), single_ref["$ref"].clone());
        changed += 1;
    });
    changed
}

/// Step 3a: an untyped (`{}`) success response becomes the envelope, its `data`
/// free-form, so that failures in it are still seen.
pub fn untyped_responses_get_envelope(document: &mut Value) -> usize {
    let mut changed = 0;
    for_each_operation_mut(document, |_, _, operation| {
        let Some(responses) = operation
            .get_mut("responses")
            .and_then(Value::as_object_mut)
        else {
            return;
        };
        for (code, response) in responses.iter_mut() {
            if !code.starts_with('2') {
                continue;
            }
            if let Some(schema) = response.pointer_mut("/content/application~1json/schema") {
                if schema.as_object().is_some_and(Map::is_empty) {
                    *schema = json!({ "$ref": format!("#/components/schemas/{UNTYPED_RESPONSE_SCHEMA}") });
                    changed += 1;
                }
            }
        }
    });
    if changed > 0 {
        if let Some(schemas) = document
            .pointer_mut("/components/schemas")
            .and_then(Value::as_object_mut)
        {
            schemas
                .entry(UNTYPED_RESPONSE_SCHEMA)
                .or_insert_with(untyped_response_schema);
        }
    }
    changed
}

fn untyped_response_schema() -> Value {
    json!({
        "description": "The response envelope of an operation whose `data` the upstream spec leaves untyped.",
        "type": "object",
        "required": ["statusCode", "message"],
        "properties": {
            "statusCode": { "type": "integer", "format": "int64", "description": "Business status code; 200 means success." },
            "message": { "type": "string", "description": "Description information" },
            "apiCode": { "type": "integer", "format": "int64", "description": "Error subcode, on failure." },
            "requestId": { "type": "string", "description": "Request ID, on failure." },
            "data": { "description": "Response data (untyped upstream)." }
        }
    })
}

/// Step 3b: in every response envelope (a schema with `statusCode` and `data`),
/// `data` is not required: a failed call has none.
pub fn envelope_data_optional(document: &mut Value) -> usize {
    let mut changed = 0;
    for name in response_schema_names(document) {
        let Some(schema) = document.pointer_mut(&format!("/components/schemas/{name}")) else {
            continue;
        };
        let is_envelope = schema.pointer("/properties/statusCode").is_some()
            && schema.pointer("/properties/data").is_some();
        if is_envelope && remove_required(schema, "data") {
            changed += 1;
        }
    }
    changed
}

/// Step 3c: a response schema that is not an envelope (raw token sets, system
/// info, MFA introspection) gets the optional envelope fields, so that a
/// failure envelope arriving in its place is recognised instead of decoding as
/// an empty success.
pub fn raw_responses_carry_failure_envelope(document: &mut Value) -> usize {
    let mut changed = 0;
    for name in operation_response_roots(document) {
        let Some(properties) = document
            .pointer_mut(&format!("/components/schemas/{name}/properties"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        if properties.contains_key("statusCode") {
            continue;
        }
        for field in ENVELOPE_FIELDS {
            let schema = match field {
                "statusCode" => {
                    json!({ "type": "integer", "format": "int64", "description": "Business status code, present when the call failed." })
                }
                "apiCode" => {
                    json!({ "type": "integer", "format": "int64", "description": "Error subcode, present when the call failed." })
                }
                "message" => {
                    json!({ "type": "string", "description": "Error message, present when the call failed." })
                }
                _ => {
                    json!({ "type": "string", "description": "Request ID, present when the call failed." })
                }
            };
            properties.insert(field.to_owned(), schema);
        }
        changed += 1;
    }
    changed
}

/// What step 4 changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ForwardCompatibility {
    pub enums_opened: usize,
    pub required_relaxed: usize,
    pub made_nullable: usize,
}

/// Step 4: schemas reachable from a response decode whatever a newer server
/// sends. A string enum becomes a plain string whose known values stay in the
/// description and in `x-known-values`; every property but the envelope's
/// `statusCode` is optional; and every optional inline property is nullable,
/// so `null` decodes as `None` even where the generator would otherwise pick a
/// defaulted `Vec` or `bool`. Request schemas keep their enums and required
/// fields: what we send stays strict.
pub fn forward_compatible_responses(document: &mut Value) -> ForwardCompatibility {
    let mut outcome = ForwardCompatibility::default();
    for name in response_schema_names(document) {
        let Some(schema) = document.pointer_mut(&format!("/components/schemas/{name}")) else {
            continue;
        };
        visit_schemas_mut(schema, &mut |node| {
            if open_enum(node) {
                outcome.enums_opened += 1;
            }
            let keep: &[&str] = if node.pointer("/properties/statusCode").is_some() {
                &["statusCode"]
            } else {
                &[]
            };
            if let Some(required) = node.get_mut("required").and_then(Value::as_array_mut) {
                let before = required.len();
                required.retain(|field| field.as_str().is_some_and(|f| keep.contains(&f)));
                outcome.required_relaxed += before - required.len();
                if required.is_empty() {
                    node.as_object_mut().map(|o| o.remove("required"));
                }
            }
            if let Some(properties) = node.get_mut("properties").and_then(Value::as_object_mut) {
                for (property_name, property) in properties.iter_mut() {
                    if keep.contains(&property_name.as_str()) || property.get("$ref").is_some() {
                        continue;
                    }
                    if let Some(object) = property.as_object_mut() {
                        if object.get("nullable") != Some(&Value::Bool(true)) {
                            object.insert("nullable".to_owned(), Value::Bool(true));
                            outcome.made_nullable += 1;
                        }
                    }
                }
            }
        });
    }
    outcome
}

/// Step 4b: every string property or query parameter named in
/// [`SECRET_FIELDS`] gets `format: password`. Each name must still occur.
pub fn secret_fields(document: &mut Value) -> anyhow::Result<usize> {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut changed = 0;
    let mut mark = |name: &str, schema: &mut Value| {
        let Some(listed) = SECRET_FIELDS.iter().find(|n| **n == name) else {
            return;
        };
        if schema.get("type").and_then(Value::as_str) != Some("string") {
            return;
        }
        used.insert(listed);
        if schema.get("format").and_then(Value::as_str) != Some("password") {
            schema["format"] = json!("password");
            changed += 1;
        }
    };
    if let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            visit_schemas_mut(schema, &mut |node| {
                if let Some(properties) = node.get_mut("properties").and_then(Value::as_object_mut)
                {
                    for (name, property) in properties.iter_mut() {
                        mark(name, property);
                    }
                }
            });
        }
    }
    for_each_operation_mut(document, |_, _, operation| {
        visit_all_mut(operation, &mut |node| {
            if let Some(properties) = node.get_mut("properties").and_then(Value::as_object_mut) {
                for (name, property) in properties.iter_mut() {
                    mark(name, property);
                }
            }
            let is_parameter = node.get("in").is_some() && node.get("name").is_some();
            if is_parameter {
                let name = node
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                if let Some(schema) = node.get_mut("schema") {
                    mark(&name, schema);
                }
            }
        });
    });
    let unused: Vec<&str> = SECRET_FIELDS
        .iter()
        .copied()
        .filter(|n| !used.contains(n))
        .collect();
    if !unused.is_empty() {
        bail!(
            "secret rule names fields the spec no longer has: {}",
            unused.join(", ")
        );
    }
    Ok(changed)
}

/// Replaces a string enum by a plain string, keeping the values as documentation.
fn open_enum(node: &mut Value) -> bool {
    let Some(object) = node.as_object_mut() else {
        return false;
    };
    if object.get("type").and_then(Value::as_str) != Some("string") {
        return false;
    }
    let Some(values) = object.remove("enum") else {
        return false;
    };
    let listed: Vec<String> = values
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(Value::as_str)
                .map(|s| format!("`{s}`"))
                .collect()
        })
        .unwrap_or_default();
    let known = format!(
        "Known values: {}; a newer server may send others.",
        listed.join(", ")
    );
    let description = match object.get("description").and_then(Value::as_str) {
        Some(text) if !text.is_empty() => format!("{text}\n\n{known}"),
        _ => known,
    };
    object.insert("description".to_owned(), Value::String(description));
    object.insert("x-known-values".to_owned(), values);
    true
}

/// Step 5: what progenitor needs, checked (an error names the offender) or,
/// where no meaning is lost, enforced: OpenAPI 3.0.x, ASCII `info.version`, one
/// success response with one JSON schema and no `default` response, one request
/// media type, no cookie parameters. Returns how many things it removed.
pub fn progenitor_invariants(document: &mut Value) -> anyhow::Result<usize> {
    let version = document
        .get("openapi")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !version.starts_with("3.0.") {
        bail!("progenitor needs OpenAPI 3.0.x, the spec says `{version}`");
    }
    let info_version = document
        .pointer("/info/version")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if info_version.is_empty() || !info_version.is_ascii() {
        bail!("info.version must be non-empty ASCII, it is `{info_version}`");
    }
    let mut removed = 0;
    let mut errors = Vec::new();
    for_each_operation_mut(document, |method, path, operation| {
        let route = format!("{} {path}", method.to_uppercase());
        if let Some(responses) = operation
            .get_mut("responses")
            .and_then(Value::as_object_mut)
        {
            if responses.remove("default").is_some() {
                removed += 1;
            }
            let successes: Vec<&Value> = responses
                .iter()
                .filter(|(code, _)| code.starts_with('2'))
                .map(|(_, r)| r)
                .collect();
            match successes.as_slice() {
                [only] => {
                    let media: Vec<&String> = only
                        .get("content")
                        .and_then(Value::as_object)
                        .map(|c| c.keys().collect())
                        .unwrap_or_default();
                    if media.len() > 1 {
                        errors.push(format!(
                            "{route}: the success response has {} media types",
                            media.len()
                        ));
                    }
                }
                found => errors.push(format!(
                    "{route}: {} success responses, progenitor needs exactly one",
                    found.len()
                )),
            }
        }
        if let Some(body) = operation.get("requestBody") {
            let count = body
                .get("content")
                .and_then(Value::as_object)
                .map_or(0, Map::len);
            if count != 1 {
                errors.push(format!(
                    "{route}: the request body has {count} media types, progenitor needs one"
                ));
            }
        }
        if let Some(parameters) = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
        {
            let before = parameters.len();
            parameters.retain(|p| p.get("in").and_then(Value::as_str) != Some("cookie"));
            removed += before - parameters.len();
        }
    });
    if !errors.is_empty() {
        bail!("progenitor invariants: {}", errors.join("; "));
    }
    Ok(removed)
}

/// Step 6: `required` lists and operation `tags` sorted; object keys are sorted
/// when the document is written (`to_canonical_json`). Other arrays keep their
/// meaningful order (parameters become positional arguments; enum values read
/// best as documented).
pub fn stable_order(document: &mut Value) -> usize {
    let mut changed = 0;
    visit_all_mut(document, &mut |node| {
        let Some(object) = node.as_object_mut() else {
            return;
        };
        for key in ["required", "tags"] {
            if let Some(list) = object.get_mut(key).and_then(Value::as_array_mut) {
                if list.iter().all(Value::is_string) {
                    let before = list.clone();
                    list.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                    list.dedup();
                    if *list != before {
                        changed += 1;
                    }
                }
            }
        }
    });
    changed
}

/// The component schemas a success response reaches, directly or through `$ref`.
pub fn response_schema_names(document: &Value) -> BTreeSet<String> {
    let roots = operation_response_roots(document);
    reachable_schemas(document, roots)
}

/// The component schemas named directly by a success response.
fn operation_response_roots(document: &Value) -> BTreeSet<String> {
    let mut roots = BTreeSet::new();
    for op in spec::operations(document) {
        if let Some(responses) = op.operation.get("responses").and_then(Value::as_object) {
            for (code, response) in responses {
                if code.starts_with('2') {
                    collect_refs(response, &mut roots);
                }
            }
        }
    }
    roots
}

fn reachable_schemas(document: &Value, roots: BTreeSet<String>) -> BTreeSet<String> {
    let schemas = document
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    let mut seen = BTreeSet::new();
    let mut pending: Vec<String> = roots.into_iter().collect();
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = schemas.and_then(|s| s.get(&name)) {
            let mut next = BTreeSet::new();
            collect_refs(schema, &mut next);
            pending.extend(next.into_iter().filter(|n| !seen.contains(n)));
        }
    }
    seen
}

fn collect_refs(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::Object(object) => {
            if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
                if let Some(name) = reference.strip_prefix("#/components/schemas/") {
                    into.insert(name.to_owned());
                }
            }
            object.values().for_each(|v| collect_refs(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, into)),
        _ => {}
    }
}

fn remove_required(schema: &mut Value, field: &str) -> bool {
    let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut) else {
        return false;
    };
    let before = required.len();
    required.retain(|f| f.as_str() != Some(field));
    before != required.len()
}

/// Visits a schema and every inline schema inside it (properties, items,
/// additionalProperties, allOf/anyOf/oneOf members), not following `$ref`.
fn visit_schemas_mut(schema: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    visit(schema);
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
        properties
            .values_mut()
            .for_each(|p| visit_schemas_mut(p, visit));
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(inner) = object.get_mut(key).filter(|v| v.is_object()) {
            visit_schemas_mut(inner, visit);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(members) = object.get_mut(key).and_then(Value::as_array_mut) {
            members.iter_mut().for_each(|m| visit_schemas_mut(m, visit));
        }
    }
}

fn visit_all_mut(value: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    visit(value);
    match value {
        Value::Object(object) => object.values_mut().for_each(|v| visit_all_mut(v, visit)),
        Value::Array(items) => items.iter_mut().for_each(|v| visit_all_mut(v, visit)),
        _ => {}
    }
}

/// Counts, for tests and the README: operations per tag.
pub fn operations_per_tag(document: &Value) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for op in spec::operations(document) {
        let tag = op
            .operation
            .pointer("/tags/0")
            .and_then(Value::as_str)
            .unwrap_or("untagged");
        *counts.entry(tag.to_owned()).or_insert(0) += 1;
    }
    counts
}

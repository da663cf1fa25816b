//! `cargo xtask normalize`: rewrites the upstream spec into the spec that code
//! generation reads. Each step is a small named function that returns how much it
//! changed; `openapi/README.md` lists the steps and the reason for each.
//!
//! Deterministic (same input, byte-identical output) and idempotent (normalizing
//! the normalized spec changes nothing).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use anyhow::bail;
use heck::ToSnakeCase as _;
use serde_json::{Map, Value, json};

use crate::operations::OperationTable;
use crate::paths::{Api, Workspace};
use crate::rules::Rules;
use crate::spec::{self, for_each_operation_mut, to_canonical_json};

/// The schema that stands in for an untyped (`{}`) response: the envelope every
/// V3 endpoint answers with, its `data` left free-form.
pub const UNTYPED_RESPONSE_SCHEMA: &str = "UntypedRespDto";

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
    rules: &Rules,
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
    let unlisted = if renamed.unlisted.is_empty() {
        String::new()
    } else {
        format!(
            "; not in {}, named by their operationId: {}",
            table.source(),
            renamed.unlisted.join(", ")
        )
    };
    record("1. operationIds -> facade names", renamed.renamed, unlisted);

    let (properties, parameters) = integer_fields(&mut document, rules)?;
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

    let respelled = enums_without_whitespace(&mut document, rules)?;
    record(
        "2c. enum values without whitespace",
        respelled,
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
    let completed = envelopes_carry_failure_fields(&mut document);
    record("3d. envelopes get failure fields", completed, String::new());

    let forward = forward_compatible_responses(&mut document);
    record(
        "4. forward-compatible responses",
        forward.enums_opened
            + forward.unions_opened
            + forward.required_relaxed
            + forward.made_nullable,
        format!(
            " ({} enums opened, {} unions opened, {} required fields relaxed, {} fields made nullable)",
            forward.enums_opened,
            forward.unions_opened,
            forward.required_relaxed,
            forward.made_nullable
        ),
    );

    let secrets = secret_fields(&mut document, rules)?;
    record("4b. secret fields", secrets, String::new());

    let enforced = progenitor_invariants(&mut document)?;
    record("5. progenitor invariants", enforced, String::new());

    let fences = plain_text_code_fences(&mut document);
    record("5b. description code fences", fences, String::new());

    let links = autolink_bare_urls(&mut document);
    record("5c. bare URLs in descriptions", links, String::new());

    let reordered = stable_order(&mut document);
    record("6. stable ordering", reordered, String::new());

    Ok((document, report))
}

/// Reads the committed upstream spec and naming table of `api` and returns
/// the canonical text of its normalized spec.
pub fn normalized_text(
    workspace: &Workspace,
    api: &Api,
) -> anyhow::Result<(String, NormalizeReport)> {
    let upstream = spec::read_openapi(&workspace.upstream_spec(api))?;
    let table = OperationTable::read(&workspace.operations_table(api))?;
    let (document, report) = normalize(&upstream, &table, api.rules)?;
    Ok((to_canonical_json(&document), report))
}

/// What step 1 did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renamed {
    /// Operations renamed to their facade name.
    pub renamed: usize,
    /// Operations the table has no row for, named by the snake_case of their
    /// operationId (`METHOD path -> name`).
    pub unlisted: Vec<String>,
}

/// Step 1: every operationId becomes its facade name, looked up by method and
/// path in the committed table, and every operation gets `x-genauth-read-only`
/// from the table's `read_only` column. An operation the table does not list
/// is named by the snake_case of its operationId (and read-only when it is a
/// GET), and reported, so a new upstream operation reaches the facade with no
/// hand edit. A table row whose upstream operationId disagrees, or that names
/// an operation the spec no longer has, is an error.
pub fn rename_operation_ids(
    document: &mut Value,
    table: &OperationTable,
) -> anyhow::Result<Renamed> {
    let mut outcome = Renamed::default();
    let mut errors = Vec::new();
    let mut matched = 0;
    for_each_operation_mut(document, |method, path, operation| {
        let current = operation
            .get("operationId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let (name, read_only) = match table.get(method, path) {
            Some(row) if current != row.upstream_operation_id && current != row.facade_name => {
                errors.push(format!(
                    "{} {path}: operationId `{current}` is neither `{}` nor `{}` as {} says",
                    method.to_uppercase(),
                    row.upstream_operation_id,
                    row.facade_name,
                    table.source()
                ));
                return;
            }
            Some(row) => {
                matched += 1;
                (row.facade_name.clone(), row.read_only)
            }
            None => {
                let name = current.to_snake_case();
                outcome
                    .unlisted
                    .push(format!("{} {path} -> {name}", method.to_uppercase()));
                (name, method == "get")
            }
        };
        if current != name {
            operation["operationId"] = Value::String(name);
            outcome.renamed += 1;
        }
        operation["x-genauth-read-only"] = Value::Bool(read_only);
    });
    if matched != table.len() && errors.is_empty() {
        errors.push(format!(
            "{} lists {} operations, the spec has {matched} of them",
            table.source(),
            table.len()
        ));
    }
    if !errors.is_empty() {
        bail!("operation mapping: {}", errors.join("; "));
    }
    Ok(outcome)
}

/// Step 2: `number` becomes `integer` (int64) for the property names and query
/// parameters `rules` lists, and only for them. Every listed name must still
/// occur as a number, so a list cannot silently go stale. Returns
/// (properties, parameters).
pub fn integer_fields(document: &mut Value, rules: &Rules) -> anyhow::Result<(usize, usize)> {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let (mut properties, mut parameters) = (0, 0);
    for_each_field_mut(document, &mut |field, name, schema| {
        let (list, count) = match field {
            Field::Property => (rules.integer_properties, &mut properties),
            Field::Parameter("query") => (rules.integer_query_parameters, &mut parameters),
            Field::Parameter(_) => return,
        };
        let Some(listed) = list.iter().find(|n| **n == name) else {
            return;
        };
        if is_numeric(schema) {
            used.insert(listed);
        }
        if make_integer(schema) {
            *count += 1;
        }
    });
    let rule = rules
        .integer_properties
        .iter()
        .chain(rules.integer_query_parameters);
    require_all_used("integer", rule, &used)?;
    Ok((properties, parameters))
}

/// Where a named field stands: a schema property (of a component or of an
/// operation's inline schema), or a parameter in the given location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field<'a> {
    Property,
    Parameter(&'a str),
}

/// Calls `visit` with every named field of the document and its schema:
/// properties at any depth of component schemas and of operations' inline
/// schemas, and operation parameters.
fn for_each_field_mut(document: &mut Value, visit: &mut dyn FnMut(Field<'_>, &str, &mut Value)) {
    let properties_of = |node: &mut Value, visit: &mut dyn FnMut(Field<'_>, &str, &mut Value)| {
        if let Some(properties) = node.get_mut("properties").and_then(Value::as_object_mut) {
            for (name, property) in properties.iter_mut() {
                visit(Field::Property, name, property);
            }
        }
    };
    if let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            visit_schemas_mut(schema, &mut |node| properties_of(node, visit));
        }
    }
    for_each_operation_mut(document, |_, _, operation| {
        visit_all_mut(operation, &mut |node| {
            properties_of(node, visit);
            let location = node.get("in").and_then(Value::as_str).map(str::to_owned);
            let name = node.get("name").and_then(Value::as_str).map(str::to_owned);
            if let (Some(location), Some(name), Some(schema)) =
                (location, name, node.get_mut("schema"))
            {
                visit(Field::Parameter(&location), &name, schema);
            }
        });
    });
}

/// Fails when a rule lists a name that no field of the spec has any more, so
/// a rule cannot silently go stale.
fn require_all_used<'a>(
    rule: &str,
    names: impl Iterator<Item = &'a &'a str>,
    used: &BTreeSet<&str>,
) -> anyhow::Result<()> {
    let unused: Vec<&str> = names.copied().filter(|name| !used.contains(name)).collect();
    if !unused.is_empty() {
        bail!(
            "{rule} rule names fields the spec no longer has: {}",
            unused.join(", ")
        );
    }
    Ok(())
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
    if let Some(default) = schema.get("default").and_then(Value::as_f64)
        && default.fract() == 0.0
    {
        schema["default"] = json!(default as i64);
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

/// Step 2c: the enums `rules` lists lose the stray whitespace upstream put
/// in their values (`role :assigned`, ` profile`): the server compares them
/// byte for byte, so a value sent as spelled there would be refused. Each
/// listed enum must still exist, so the list cannot silently go stale.
/// Returns how many values changed.
pub fn enums_without_whitespace(document: &mut Value, rules: &Rules) -> anyhow::Result<usize> {
    let mut changed = 0;
    let mut missing = Vec::new();
    for (schema, property) in rules.enums_without_whitespace {
        let pointer = format!("/components/schemas/{schema}/properties/{property}");
        let values = document.pointer_mut(&pointer).and_then(|node| {
            // The property's own enum, or its items' (an array of values).
            if node.get("enum").is_some() {
                node.get_mut("enum")
            } else {
                node.pointer_mut("/items/enum")
            }
        });
        let Some(values) = values.and_then(Value::as_array_mut) else {
            missing.push(format!("{schema}.{property}"));
            continue;
        };
        for value in values.iter_mut() {
            if let Some(text) = value.as_str()
                && text.chars().any(char::is_whitespace)
            {
                let respelled: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                *value = Value::String(respelled);
                changed += 1;
            }
        }
    }
    if !missing.is_empty() {
        bail!(
            "enum whitespace rule names enums the spec no longer has: {}",
            missing.join(", ")
        );
    }
    Ok(changed)
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
            if let Some(schema) = response.pointer_mut("/content/application~1json/schema")
                && schema.as_object().is_some_and(Map::is_empty)
            {
                *schema =
                    json!({ "$ref": format!("#/components/schemas/{UNTYPED_RESPONSE_SCHEMA}") });
                changed += 1;
            }
        }
    });
    if changed > 0
        && let Some(schemas) = document
            .pointer_mut("/components/schemas")
            .and_then(Value::as_object_mut)
    {
        schemas
            .entry(UNTYPED_RESPONSE_SCHEMA)
            .or_insert_with(untyped_response_schema);
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
            properties.insert(field.to_owned(), failure_field_schema(field));
        }
        changed += 1;
    }
    changed
}

/// Step 3d: a response envelope (a success schema with `statusCode`) that
/// lacks some of the other failure fields (`message`, `apiCode`,
/// `requestId`) gets them, optional: a failure answered in its place carries
/// them, and the error should show them.
pub fn envelopes_carry_failure_fields(document: &mut Value) -> usize {
    let mut changed = 0;
    for name in operation_response_roots(document) {
        let Some(properties) = document
            .pointer_mut(&format!("/components/schemas/{name}/properties"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        if !properties.contains_key("statusCode") {
            continue;
        }
        for field in ENVELOPE_FIELDS {
            if !properties.contains_key(field) {
                properties.insert(field.to_owned(), failure_field_schema(field));
                changed += 1;
            }
        }
    }
    changed
}

/// The schema of an envelope field that only a failure is sure to carry.
fn failure_field_schema(field: &str) -> Value {
    match field {
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
    }
}

/// What step 4 changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ForwardCompatibility {
    pub enums_opened: usize,
    pub unions_opened: usize,
    pub required_relaxed: usize,
    pub made_nullable: usize,
}

/// Step 4: schemas reachable from a response decode whatever a newer server
/// sends. A string enum becomes a plain string whose known values stay in the
/// description and in `x-known-values`; a union becomes free-form JSON whose
/// members stay in `x-one-of`; every property but the envelope's
/// `statusCode` is optional; and every optional inline property is nullable,
/// so `null` decodes as `None` even where the generator would otherwise pick a
/// defaulted `Vec` or `bool`. Request schemas keep their enums, unions and
/// required fields: what we send stays strict.
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
            if open_union(node) {
                outcome.unions_opened += 1;
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
                    if let Some(object) = property.as_object_mut()
                        && object.get("nullable") != Some(&Value::Bool(true))
                    {
                        object.insert("nullable".to_owned(), Value::Bool(true));
                        outcome.made_nullable += 1;
                    }
                }
            }
        });
    }
    outcome
}

/// Step 4b: every string property or query parameter named in the rules'
/// `secret_fields` gets `format: password`. Each name must still occur.
pub fn secret_fields(document: &mut Value, rules: &Rules) -> anyhow::Result<usize> {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut changed = 0;
    for_each_field_mut(document, &mut |_, name, schema| {
        let Some(listed) = rules.secret_fields.iter().find(|n| **n == name) else {
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
    });
    require_all_used("secret", rules.secret_fields.iter(), &used)?;
    Ok(changed)
}

/// Replaces a `oneOf`/`anyOf` union by free-form JSON, keeping the members
/// in `x-one-of` and naming them in the description. The generator makes an
/// untagged enum of a union, which is wrong for a response twice over: its
/// object members have only optional fields (this step), so the first one
/// matches every object and the others are never chosen; and a shape no
/// member has fails the whole response.
fn open_union(node: &mut Value) -> bool {
    let Some(object) = node.as_object_mut() else {
        return false;
    };
    let Some((key, members)) = ["oneOf", "anyOf"]
        .into_iter()
        .find_map(|key| Some((key, object.remove(key)?)))
    else {
        return false;
    };
    let names: Vec<String> = members
        .as_array()
        .map(|members| members.iter().map(union_member_name).collect())
        .unwrap_or_default();
    let known = format!(
        "One of: {}; decoded as JSON, as a newer server may send another shape.",
        names.join(", ")
    );
    append_paragraph(object, known);
    object.insert(
        format!("x-{}", key.to_snake_case().replace('_', "-")),
        members,
    );
    true
}

/// How the description names a union member: its schema name, or its type.
fn union_member_name(member: &Value) -> String {
    if let Some(name) = member
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        return format!("`{name}`");
    }
    match (
        member.get("type").and_then(Value::as_str),
        member.pointer("/items/type").and_then(Value::as_str),
    ) {
        (Some("array"), Some(item)) => format!("a list of `{item}`"),
        (Some(kind), _) => format!("`{kind}`"),
        (None, _) => "any value".to_owned(),
    }
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
    append_paragraph(object, known);
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

/// Step 5b: a code fence without a language in a description (`` ``` ``)
/// becomes `` ```text ``. Descriptions become rustdoc, where an unlabelled
/// fence is compiled as a Rust doc test; upstream's are HTTP headers and
/// shell snippets.
pub fn plain_text_code_fences(document: &mut Value) -> usize {
    rewrite_descriptions(document, label_bare_fences)
}

/// Step 5c: a bare URL in a description (`see https://...`) becomes an
/// autolink (`<https://...>`). Descriptions become rustdoc, which renders a
/// bare URL as plain text and warns about it; URLs inside code (spans or
/// fences), Markdown links and autolinks are left as they are.
pub fn autolink_bare_urls(document: &mut Value) -> usize {
    rewrite_descriptions(document, autolink)
}

/// Appends `paragraph` to the schema's description (or makes it the
/// description).
fn append_paragraph(object: &mut Map<String, Value>, paragraph: String) {
    let description = match object.get("description").and_then(Value::as_str) {
        Some(text) if !text.is_empty() => format!("{text}\n\n{paragraph}"),
        _ => paragraph,
    };
    object.insert("description".to_owned(), Value::String(description));
}

/// Replaces every description of the document by what `rewrite` makes of it
/// (the new text and how many changes it made); returns the changes.
fn rewrite_descriptions(document: &mut Value, rewrite: fn(&str) -> (String, usize)) -> usize {
    let mut changed = 0;
    visit_all_mut(document, &mut |node| {
        let Some(text) = node.get("description").and_then(Value::as_str) else {
            return;
        };
        let (rewritten, count) = rewrite(text);
        if count > 0 {
            node["description"] = Value::String(rewritten);
            changed += count;
        }
    });
    changed
}

/// Wraps each bare `http(s)://` URL of `text` in `<>`; returns the text and
/// how many it wrapped.
fn autolink(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut in_fence = false;
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence {
            out.push_str(line);
            continue;
        }
        let mut in_code = false;
        let mut rest = line;
        while !rest.is_empty() {
            let next_tick = rest.find('`');
            let next_url = if in_code {
                None
            } else {
                ["https://", "http://"]
                    .iter()
                    .filter_map(|scheme| rest.find(scheme))
                    .min()
            };
            match (next_tick, next_url) {
                (Some(tick), url) if url.is_none_or(|u| tick < u) => {
                    out.push_str(&rest[..=tick]);
                    rest = &rest[tick + 1..];
                    in_code = !in_code;
                }
                (_, Some(start))
                    if is_link_target(&out, &rest[..start]) && rest[start..].contains(')') =>
                {
                    // A Markdown link's target: upstream's sometimes has a
                    // stray space in it, which ends the link early.
                    let close = rest[start..].find(')').unwrap_or_default();
                    let target = &rest[start..start + close];
                    out.push_str(&rest[..start]);
                    if target.contains(char::is_whitespace) {
                        out.extend(target.chars().filter(|c| !c.is_whitespace()));
                        count += 1;
                    } else {
                        out.push_str(target);
                    }
                    rest = &rest[start + close..];
                }
                (_, Some(start)) => {
                    let before = &rest[..start];
                    let tail = &rest[start..];
                    let mut end = tail
                        .find(|c: char| {
                            c.is_whitespace()
                                || matches!(c, '<' | '>' | '"' | '`' | '，' | '。' | '）')
                        })
                        .unwrap_or(tail.len());
                    while end > 0 && tail[..end].ends_with(['.', ',', ';', ':', ')', ']', '!', '?'])
                    {
                        end -= 1;
                    }
                    let linked = before.ends_with('<') || end == 0;
                    out.push_str(before);
                    if linked {
                        out.push_str(&tail[..end.max(1)]);
                        rest = &tail[end.max(1)..];
                    } else {
                        out.push('<');
                        out.push_str(&tail[..end]);
                        out.push('>');
                        count += 1;
                        rest = &tail[end..];
                    }
                }
                _ => {
                    out.push_str(rest);
                    rest = "";
                }
            }
        }
    }
    (out, count)
}

/// Whether a URL after `before` (on a line whose earlier part is at the end
/// of `written`) is a Markdown link's target: `before` ends with `](` and a
/// `[` opens the link text (upstream has some `text](url)` without one).
fn is_link_target(written: &str, before: &str) -> bool {
    let Some(text) = before.strip_suffix("](") else {
        return false;
    };
    let line_so_far = format!("{}{text}", written.rsplit('\n').next().unwrap_or_default());
    line_so_far
        .rfind('[')
        .is_some_and(|open| !line_so_far[open..].contains(']'))
}

/// Labels every opening fence that has no language; returns the text and how
/// many it labelled.
fn label_bare_fences(text: &str) -> (String, usize) {
    let mut inside = false;
    let mut count = 0;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let trimmed = line.trim_start();
            if !trimmed.starts_with("```") {
                return line.to_owned();
            }
            let opening = !inside;
            inside = !inside;
            if opening && trimmed.trim_end() == "```" {
                count += 1;
                return line.replacen("```", "```text", 1);
            }
            line.to_owned()
        })
        .collect();
    (lines.join("\n"), count)
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
            if let Some(list) = object.get_mut(key).and_then(Value::as_array_mut)
                && list.iter().all(Value::is_string)
            {
                let before = list.clone();
                list.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                list.dedup();
                if *list != before {
                    changed += 1;
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
            if let Some(reference) = object.get("$ref").and_then(Value::as_str)
                && let Some(name) = reference.strip_prefix("#/components/schemas/")
            {
                into.insert(name.to_owned());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::AUTHENTICATION_RULES as RULES;

    const TABLE_HEADER: &str = "facade_name\toperationId\tpython_name\thttp_method\tpath\ttag\trequest\tresponse_schema\tdeprecated\tread_only";

    /// A minimal OpenAPI 3.0.3 document with the given paths and component schemas.
    fn document(paths: Value, schemas: Value) -> Value {
        json!({
            "openapi": "3.0.3",
            "info": { "title": "test", "version": "1.0.0" },
            "paths": paths,
            "components": { "schemas": schemas }
        })
    }

    /// An operation whose only success response is `schema` (JSON).
    fn responding(schema: Value) -> Value {
        json!({
            "responses": {
                "200": {
                    "description": "ok",
                    "content": { "application/json": { "schema": schema } }
                }
            }
        })
    }

    fn schema_ref(name: &str) -> Value {
        json!({ "$ref": format!("#/components/schemas/{name}") })
    }

    fn table(rows: &[(&str, &str, &str, &str)]) -> OperationTable {
        let mut text = format!("{TABLE_HEADER}\n");
        for (facade, upstream, method, path) in rows {
            text.push_str(&format!(
                "{facade}\t{upstream}\t-\t{method}\t{path}\tTag\tnone\tRespDto\tno\tno\n"
            ));
        }
        OperationTable::parse(&text).expect("test table parses")
    }

    fn two_operations() -> Value {
        document(
            json!({
                "/a": { "get": { "operationId": "getA", "responses": {} } },
                "/b": { "post": { "operationId": "postB", "responses": {} } }
            }),
            json!({}),
        )
    }

    #[test]
    fn rename_operation_ids_uses_facade_names_and_is_idempotent() {
        let table = table(&[
            ("get_a", "getA", "GET", "/a"),
            ("post_b", "postB", "POST", "/b"),
        ]);
        let mut doc = two_operations();
        assert_eq!(rename_operation_ids(&mut doc, &table).unwrap().renamed, 2);
        assert_eq!(doc["paths"]["/a"]["get"]["operationId"], "get_a");
        assert_eq!(doc["paths"]["/b"]["post"]["operationId"], "post_b");
        // The table's read_only column (`no` for both rows here).
        assert_eq!(doc["paths"]["/a"]["get"]["x-genauth-read-only"], false);
        // Facade names are accepted as they are: a second pass changes nothing.
        assert_eq!(
            rename_operation_ids(&mut doc, &table).unwrap(),
            Renamed::default()
        );
    }

    #[test]
    fn an_operation_missing_from_the_table_is_named_by_its_operation_id_and_reported() {
        let table = table(&[("get_a", "getA", "GET", "/a")]);
        let mut doc = document(
            json!({
                "/a": { "get": { "operationId": "getA", "responses": {} } },
                "/b": { "post": { "operationId": "postBForUser", "responses": {} } },
                "/c": { "get": { "operationId": "getC", "responses": {} } }
            }),
            json!({}),
        );
        let outcome = rename_operation_ids(&mut doc, &table).unwrap();
        assert_eq!(
            outcome.unlisted,
            ["POST /b -> post_b_for_user", "GET /c -> get_c"]
        );
        assert_eq!(doc["paths"]["/b"]["post"]["operationId"], "post_b_for_user");
        // Unlisted: read-only when it is a GET.
        assert_eq!(doc["paths"]["/b"]["post"]["x-genauth-read-only"], false);
        assert_eq!(doc["paths"]["/c"]["get"]["x-genauth-read-only"], true);
        // A second pass leaves the names as they are.
        let again = rename_operation_ids(&mut doc, &table).unwrap();
        assert_eq!(again.renamed, 0);
    }

    #[test]
    fn rename_operation_ids_rejects_a_mismatched_operation_id() {
        let table = table(&[
            ("get_a", "getAlpha", "GET", "/a"),
            ("post_b", "postB", "POST", "/b"),
        ]);
        let mut doc = two_operations();
        let error = rename_operation_ids(&mut doc, &table)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("GET /a: operationId `getA` is neither `getAlpha` nor `get_a`"),
            "{error}"
        );
    }

    #[test]
    fn rename_operation_ids_rejects_a_table_row_the_spec_lacks() {
        let table = table(&[
            ("get_a", "getA", "GET", "/a"),
            ("post_b", "postB", "POST", "/b"),
            ("delete_c", "deleteC", "DELETE", "/c"),
        ]);
        let mut doc = two_operations();
        let error = rename_operation_ids(&mut doc, &table)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("the naming table lists 3 operations, the spec has 2 of them"),
            "{error}"
        );
    }

    /// A document where every listed integer name occurs as `number`, plus
    /// `lat`/`lon` and an unlisted number.
    fn integer_document(leave_out: Option<&str>) -> Value {
        let mut properties = Map::new();
        for &name in RULES.integer_properties {
            if Some(name) != leave_out {
                properties.insert(name.to_owned(), json!({ "type": "number" }));
            }
        }
        properties.insert("lat".to_owned(), json!({ "type": "number" }));
        properties.insert("lon".to_owned(), json!({ "type": "number" }));
        properties.insert("ratio".to_owned(), json!({ "type": "number" }));
        properties.insert(
            "nested".to_owned(),
            json!({
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "expireTime": { "type": "number", "default": 60.0 },
                        "apiCode": { "type": "integer" }
                    }
                }
            }),
        );
        let parameters: Vec<Value> = RULES
            .integer_query_parameters
            .iter()
            .filter(|name| Some(**name) != leave_out)
            .map(|name| json!({ "name": name, "in": "query", "schema": { "type": "number", "default": 1.0 } }))
            .chain([
                json!({ "name": "page", "in": "path", "required": true, "schema": { "type": "number" } }),
                json!({ "name": "lat", "in": "query", "schema": { "type": "number" } }),
            ])
            .collect();
        document(
            json!({ "/list": { "get": { "operationId": "list", "parameters": parameters, "responses": {} } } }),
            json!({ "Thing": { "type": "object", "properties": properties } }),
        )
    }

    #[test]
    fn integer_fields_turns_listed_numbers_into_int64_only() {
        let mut doc = integer_document(None);
        let (properties, parameters) = integer_fields(&mut doc, &RULES).unwrap();
        // 15 listed top-level properties + the nested `expireTime`.
        assert_eq!(properties, RULES.integer_properties.len() + 1);
        assert_eq!(parameters, RULES.integer_query_parameters.len());
        let thing = &doc["components"]["schemas"]["Thing"]["properties"];
        for &name in RULES.integer_properties {
            assert_eq!(
                thing[name],
                json!({ "type": "integer", "format": "int64" }),
                "{name}"
            );
        }
        assert_eq!(
            thing["nested"]["items"]["properties"]["expireTime"],
            json!({ "type": "integer", "format": "int64", "default": 60 })
        );
        // Already integer: left as it is.
        assert_eq!(
            thing["nested"]["items"]["properties"]["apiCode"],
            json!({ "type": "integer" })
        );
        // Coordinates and unlisted numbers stay `number`.
        for name in ["lat", "lon", "ratio"] {
            assert_eq!(thing[name], json!({ "type": "number" }), "{name}");
        }
        let parameters = doc["paths"]["/list"]["get"]["parameters"]
            .as_array()
            .unwrap();
        for parameter in parameters {
            let expected = match (parameter["in"].as_str(), parameter["name"].as_str()) {
                (Some("query"), Some("page" | "limit" | "start" | "end")) => {
                    json!({ "type": "integer", "format": "int64", "default": 1 })
                }
                (Some("path"), _) | (_, Some("lat")) => json!({ "type": "number" }),
                other => panic!("unexpected parameter {other:?}"),
            };
            assert_eq!(parameter["schema"], expected, "{parameter}");
        }
        // A second pass finds every name (now integer) and changes nothing.
        assert_eq!(integer_fields(&mut doc, &RULES).unwrap(), (0, 0));
    }

    #[test]
    fn integer_fields_rejects_a_listed_name_the_spec_lacks() {
        for absent in ["alg", "start"] {
            let mut doc = integer_document(Some(absent));
            let error = integer_fields(&mut doc, &RULES).unwrap_err().to_string();
            assert_eq!(
                error,
                format!("integer rule names fields the spec no longer has: {absent}")
            );
        }
    }

    #[test]
    fn unwrap_described_references_replaces_single_ref_all_of() {
        let mut doc = document(
            json!({}),
            json!({
                "Outer": {
                    "type": "object",
                    "properties": {
                        "described": {
                            "description": "The user",
                            "allOf": [{ "$ref": "#/components/schemas/User" }]
                        },
                        "composed": {
                            "allOf": [
                                { "$ref": "#/components/schemas/User" },
                                { "$ref": "#/components/schemas/Extra" }
                            ]
                        },
                        "inline": { "allOf": [{ "type": "string" }] },
                        "list": {
                            "type": "array",
                            "items": { "allOf": [{ "$ref": "#/components/schemas/User" }] }
                        }
                    }
                },
                "User": { "type": "object" },
                "Extra": { "type": "object" }
            }),
        );
        let before = doc.clone();
        assert_eq!(unwrap_described_references(&mut doc), 2);
        let properties = &doc["components"]["schemas"]["Outer"]["properties"];
        assert_eq!(
            properties["described"],
            json!({ "$ref": "#/components/schemas/User", "description": "The user" })
        );
        assert_eq!(
            properties["list"]["items"],
            json!({ "$ref": "#/components/schemas/User" })
        );
        let untouched = &before["components"]["schemas"]["Outer"]["properties"];
        assert_eq!(properties["composed"], untouched["composed"]);
        assert_eq!(properties["inline"], untouched["inline"]);
        assert_eq!(unwrap_described_references(&mut doc), 0);
    }

    fn webhook_document() -> Value {
        document(
            json!({}),
            json!({
                "UpdateWebhookDto": {
                    "type": "object",
                    "properties": {
                        "events": {
                            "type": "array",
                            "items": { "type": "string", "enum": ["login", "role :assigned", "user:udv-changed ", "privilege -namespace:created"] }
                        },
                        "kind": { "type": "string", "enum": [" profile", "name"] },
                        "note": { "type": "string", "enum": ["left alone"] }
                    }
                }
            }),
        )
    }

    const WHITESPACE_RULES: Rules = Rules {
        integer_properties: &[],
        integer_query_parameters: &[],
        secret_fields: &[],
        enums_without_whitespace: &[("UpdateWebhookDto", "events"), ("UpdateWebhookDto", "kind")],
    };

    #[test]
    fn enums_without_whitespace_respells_only_the_listed_enums() {
        let mut doc = webhook_document();
        assert_eq!(
            enums_without_whitespace(&mut doc, &WHITESPACE_RULES).unwrap(),
            4
        );
        let properties = &doc["components"]["schemas"]["UpdateWebhookDto"]["properties"];
        assert_eq!(
            properties["events"]["items"]["enum"],
            json!([
                "login",
                "role:assigned",
                "user:udv-changed",
                "privilege-namespace:created"
            ])
        );
        assert_eq!(properties["kind"]["enum"], json!(["profile", "name"]));
        // Not listed: left as upstream spells it.
        assert_eq!(properties["note"]["enum"], json!(["left alone"]));
        assert_eq!(
            enums_without_whitespace(&mut doc, &WHITESPACE_RULES).unwrap(),
            0,
            "idempotent"
        );
    }

    #[test]
    fn enums_without_whitespace_rejects_a_listed_enum_the_spec_lacks() {
        let rules = Rules {
            enums_without_whitespace: &[
                ("UpdateWebhookDto", "events"),
                ("UpdateWebhookDto", "note2"),
            ],
            ..WHITESPACE_RULES
        };
        let error = enums_without_whitespace(&mut webhook_document(), &rules)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "enum whitespace rule names enums the spec no longer has: UpdateWebhookDto.note2"
        );
    }

    #[test]
    fn management_rules_keep_coordinates_and_bounds_as_numbers() {
        let rules = crate::rules::MANAGEMENT_RULES;
        for float in ["lat", "lon", "min", "max"] {
            assert!(!rules.integer_properties.contains(&float), "{float}");
        }
        // No name is listed twice, and no rule list is empty.
        for list in [
            rules.integer_properties,
            rules.integer_query_parameters,
            rules.secret_fields,
        ] {
            let unique: BTreeSet<&str> = list.iter().copied().collect();
            assert_eq!(unique.len(), list.len());
            assert!(!list.is_empty());
        }
    }

    #[test]
    fn untyped_responses_get_envelope_types_empty_success_schemas() {
        let mut operation = responding(json!({}));
        operation["responses"]["400"] = json!({
            "description": "bad",
            "content": { "application/json": { "schema": {} } }
        });
        let mut doc = document(
            json!({
                "/untyped": { "post": operation },
                "/typed": { "get": responding(schema_ref("RespDto")) }
            }),
            json!({ "RespDto": { "type": "object" } }),
        );
        assert_eq!(untyped_responses_get_envelope(&mut doc), 1);
        let responses = &doc["paths"]["/untyped"]["post"]["responses"];
        assert_eq!(
            responses["200"]["content"]["application/json"]["schema"],
            schema_ref(UNTYPED_RESPONSE_SCHEMA)
        );
        assert_eq!(
            responses["400"]["content"]["application/json"]["schema"],
            json!({})
        );
        let envelope = &doc["components"]["schemas"][UNTYPED_RESPONSE_SCHEMA];
        assert_eq!(envelope["required"], json!(["statusCode", "message"]));
        assert_eq!(envelope["properties"]["statusCode"]["type"], "integer");
        assert_eq!(envelope["properties"]["data"].get("type"), None);
        assert_eq!(
            doc["paths"]["/typed"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
            schema_ref("RespDto")
        );
        assert_eq!(untyped_responses_get_envelope(&mut doc), 0);
    }

    #[test]
    fn untyped_responses_get_envelope_adds_no_schema_when_nothing_is_untyped() {
        let mut doc = document(
            json!({ "/typed": { "get": responding(schema_ref("RespDto")) } }),
            json!({ "RespDto": { "type": "object" } }),
        );
        assert_eq!(untyped_responses_get_envelope(&mut doc), 0);
        assert!(
            doc["components"]["schemas"]
                .get(UNTYPED_RESPONSE_SCHEMA)
                .is_none()
        );
    }

    #[test]
    fn envelope_data_optional_only_in_response_envelopes() {
        let envelope = json!({
            "type": "object",
            "required": ["statusCode", "message", "data"],
            "properties": {
                "statusCode": { "type": "number" },
                "message": { "type": "string" },
                "data": { "$ref": "#/components/schemas/Data" }
            }
        });
        let request_body = json!({
            "content": { "application/json": { "schema": schema_ref("RequestDto") } }
        });
        let mut operation = responding(schema_ref("RespDto"));
        operation["requestBody"] = request_body;
        let mut doc = document(
            json!({
                "/a": { "post": operation },
                "/b": { "get": responding(schema_ref("PlainDto")) }
            }),
            json!({
                "RespDto": envelope,
                "RequestDto": envelope,
                "Data": { "type": "object", "required": ["data"], "properties": { "data": { "type": "string" } } },
                "PlainDto": { "type": "object", "required": ["data"], "properties": { "data": { "type": "string" } } }
            }),
        );
        let before = doc.clone();
        assert_eq!(envelope_data_optional(&mut doc), 1);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["RespDto"]["required"],
            json!(["statusCode", "message"])
        );
        for untouched in ["RequestDto", "Data", "PlainDto"] {
            assert_eq!(
                schemas[untouched], before["components"]["schemas"][untouched],
                "{untouched}"
            );
        }
        assert_eq!(envelope_data_optional(&mut doc), 0);
    }

    #[test]
    fn raw_responses_carry_failure_envelope_adds_optional_envelope_fields() {
        let mut doc = document(
            json!({
                "/token": { "post": responding(schema_ref("TokenSet")) },
                "/wrapped": { "get": responding(schema_ref("RespDto")) }
            }),
            json!({
                "TokenSet": {
                    "type": "object",
                    "required": ["access_token"],
                    "properties": {
                        "access_token": { "type": "string" },
                        "claims": { "$ref": "#/components/schemas/Claims" }
                    }
                },
                "Claims": { "type": "object", "properties": { "sub": { "type": "string" } } },
                "RespDto": {
                    "type": "object",
                    "properties": { "statusCode": { "type": "number" }, "data": { "type": "string" } }
                }
            }),
        );
        let before = doc.clone();
        assert_eq!(raw_responses_carry_failure_envelope(&mut doc), 1);
        let token_set = &doc["components"]["schemas"]["TokenSet"];
        for field in ENVELOPE_FIELDS {
            assert!(token_set["properties"].get(field).is_some(), "{field}");
        }
        assert_eq!(token_set["properties"]["statusCode"]["type"], "integer");
        assert_eq!(token_set["properties"]["apiCode"]["format"], "int64");
        assert_eq!(token_set["properties"]["requestId"]["type"], "string");
        // The envelope fields are optional: a success has none of them.
        assert_eq!(token_set["required"], json!(["access_token"]));
        // Schemas reached only through a property, and envelopes, are untouched.
        for untouched in ["Claims", "RespDto"] {
            assert_eq!(
                doc["components"]["schemas"][untouched], before["components"]["schemas"][untouched],
                "{untouched}"
            );
        }
        assert_eq!(raw_responses_carry_failure_envelope(&mut doc), 0);
    }

    #[test]
    fn envelopes_carry_failure_fields_completes_success_envelopes_only() {
        let mut doc = document(
            json!({
                "/check": { "post": responding(schema_ref("CheckRespDto")) },
                "/token": { "post": responding(schema_ref("TokenSet")) }
            }),
            json!({
                "CheckRespDto": {
                    "type": "object",
                    "required": ["statusCode", "message", "apiCode", "data"],
                    "properties": {
                        "statusCode": { "type": "integer" },
                        "message": { "type": "string" },
                        "apiCode": { "type": "integer" },
                        "data": { "type": "boolean" }
                    }
                },
                "TokenSet": { "type": "object", "properties": { "access_token": { "type": "string" } } }
            }),
        );
        let before = doc.clone();
        assert_eq!(envelopes_carry_failure_fields(&mut doc), 1);
        let check = &doc["components"]["schemas"]["CheckRespDto"];
        assert_eq!(check["properties"]["requestId"]["type"], "string");
        // Optional, and what was there is unchanged.
        assert_eq!(
            check["required"],
            before["components"]["schemas"]["CheckRespDto"]["required"]
        );
        assert_eq!(check["properties"]["apiCode"], json!({ "type": "integer" }));
        // Not an envelope: step 3c's business.
        assert_eq!(
            doc["components"]["schemas"]["TokenSet"],
            before["components"]["schemas"]["TokenSet"]
        );
        assert_eq!(envelopes_carry_failure_fields(&mut doc), 0);
    }

    fn forward_compatibility_document() -> Value {
        let mut operation = responding(schema_ref("RespDto"));
        operation["requestBody"] = json!({
            "content": { "application/json": { "schema": schema_ref("RequestDto") } }
        });
        document(
            json!({ "/a": { "post": operation } }),
            json!({
                "RespDto": {
                    "type": "object",
                    "required": ["statusCode", "message", "data"],
                    "properties": {
                        "statusCode": { "type": "integer" },
                        "message": { "type": "string" },
                        "data": { "$ref": "#/components/schemas/Data" }
                    }
                },
                "Data": {
                    "type": "object",
                    "required": ["status", "flag"],
                    "properties": {
                        "status": { "type": "string", "enum": ["active", "suspended"], "description": "Account state" },
                        "flag": { "type": "boolean" },
                        "tags": { "type": "array", "items": { "type": "string", "enum": ["a", "b"] } },
                        "inner": {
                            "type": "object",
                            "required": ["kind"],
                            "properties": { "kind": { "type": "string", "enum": ["x"] } }
                        }
                    }
                },
                "RequestDto": {
                    "type": "object",
                    "required": ["kind"],
                    "properties": {
                        "kind": { "type": "string", "enum": ["x", "y"] },
                        "note": { "type": "string" }
                    }
                }
            }),
        )
    }

    #[test]
    fn forward_compatible_responses_opens_response_schemas_only() {
        let mut doc = forward_compatibility_document();
        let before = doc.clone();
        let outcome = forward_compatible_responses(&mut doc);
        assert_eq!(
            outcome,
            ForwardCompatibility {
                // Data.status, Data.tags.items, Data.inner.kind
                enums_opened: 3,
                unions_opened: 0,
                // RespDto: message, data; Data: status, flag; inner: kind
                required_relaxed: 5,
                // RespDto.message; Data.status, flag, tags, inner; inner.kind
                made_nullable: 6,
            }
        );
        let schemas = &doc["components"]["schemas"];

        let status = &schemas["Data"]["properties"]["status"];
        assert_eq!(status.get("enum"), None);
        assert_eq!(status["type"], "string");
        assert_eq!(status["x-known-values"], json!(["active", "suspended"]));
        assert_eq!(
            status["description"],
            "Account state\n\nKnown values: `active`, `suspended`; a newer server may send others."
        );
        assert_eq!(status["nullable"], true);
        let items = &schemas["Data"]["properties"]["tags"]["items"];
        assert_eq!(items.get("enum"), None);
        assert_eq!(
            items["description"],
            "Known values: `a`, `b`; a newer server may send others."
        );

        // Only the envelope's statusCode stays required, and it is not nullable.
        assert_eq!(schemas["RespDto"]["required"], json!(["statusCode"]));
        assert_eq!(
            schemas["RespDto"]["properties"]["statusCode"],
            json!({ "type": "integer" })
        );
        assert_eq!(schemas["Data"].get("required"), None);
        assert_eq!(schemas["Data"]["properties"]["inner"].get("required"), None);
        // A `$ref` property gets no sibling `nullable` (OpenAPI 3.0 would ignore it).
        assert_eq!(schemas["RespDto"]["properties"]["data"], schema_ref("Data"));
        for name in ["flag", "tags", "inner"] {
            assert_eq!(
                schemas["Data"]["properties"][name]["nullable"], true,
                "{name}"
            );
        }

        // Request schemas keep their strict enums and required fields.
        assert_eq!(
            schemas["RequestDto"],
            before["components"]["schemas"]["RequestDto"]
        );

        assert_eq!(
            forward_compatible_responses(&mut doc),
            ForwardCompatibility::default()
        );
    }

    #[test]
    fn forward_compatible_responses_opens_response_unions_only() {
        let union = json!({
            "description": "Related object",
            "oneOf": [schema_ref("Role"), { "type": "string" }, { "type": "array", "items": { "type": "string" } }]
        });
        let mut operation = responding(schema_ref("RespDto"));
        operation["requestBody"] = json!({
            "content": { "application/json": { "schema": schema_ref("RequestDto") } }
        });
        let mut doc = document(
            json!({ "/a": { "post": operation } }),
            json!({
                "RespDto": { "type": "object", "properties": { "target": union } },
                "RequestDto": { "type": "object", "properties": { "target": union } },
                "Role": { "type": "object", "properties": { "code": { "type": "string" } } }
            }),
        );
        let outcome = forward_compatible_responses(&mut doc);
        assert_eq!(outcome.unions_opened, 1);
        let schemas = &doc["components"]["schemas"];
        let target = &schemas["RespDto"]["properties"]["target"];
        assert_eq!(target.get("oneOf"), None);
        assert_eq!(target["x-one-of"], union["oneOf"]);
        assert_eq!(
            target["description"],
            "Related object\n\nOne of: `Role`, `string`, a list of `string`; decoded as JSON, as a newer server may send another shape."
        );
        // What the SDK sends stays a typed union.
        assert_eq!(schemas["RequestDto"]["properties"]["target"], union);
        // The members stay response schemas (reached through `x-one-of`).
        assert!(response_schema_names(&doc).contains("Role"));
        assert_eq!(forward_compatible_responses(&mut doc).unions_opened, 0);
    }

    /// A document where every secret name occurs as a string property.
    fn secret_document(leave_out: Option<&str>) -> Value {
        let mut properties = Map::new();
        for &name in RULES.secret_fields {
            if Some(name) != leave_out {
                properties.insert(name.to_owned(), json!({ "type": "string" }));
            }
        }
        properties.insert("username".to_owned(), json!({ "type": "string" }));
        document(
            json!({
                "/verify": {
                    "post": {
                        "operationId": "verify",
                        "parameters": [
                            { "name": "token", "in": "query", "schema": { "type": "string" } },
                            { "name": "userId", "in": "query", "schema": { "type": "string" } }
                        ],
                        "requestBody": {
                            "content": {
                                "application/x-www-form-urlencoded": {
                                    "schema": {
                                        "type": "object",
                                        "properties": { "client_secret": { "type": "string" } }
                                    }
                                }
                            }
                        },
                        "responses": {}
                    }
                }
            }),
            json!({
                "Secrets": { "type": "object", "properties": properties },
                "Ticketed": {
                    "type": "object",
                    "properties": { "ticket": { "type": "object", "properties": {} } }
                }
            }),
        )
    }

    #[test]
    fn secret_fields_marks_listed_strings_as_password() {
        let mut doc = secret_document(None);
        // Every listed property, the `token` query parameter and the inline
        // form field.
        assert_eq!(
            secret_fields(&mut doc, &RULES).unwrap(),
            RULES.secret_fields.len() + 2
        );
        let secrets = &doc["components"]["schemas"]["Secrets"]["properties"];
        for &name in RULES.secret_fields {
            assert_eq!(
                secrets[name],
                json!({ "type": "string", "format": "password" }),
                "{name}"
            );
        }
        assert_eq!(secrets["username"], json!({ "type": "string" }));
        // Not a string: left alone.
        assert_eq!(
            doc["components"]["schemas"]["Ticketed"]["properties"]["ticket"],
            json!({ "type": "object", "properties": {} })
        );
        let operation = &doc["paths"]["/verify"]["post"];
        assert_eq!(operation["parameters"][0]["schema"]["format"], "password");
        assert_eq!(operation["parameters"][1]["schema"].get("format"), None);
        assert_eq!(
            operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]["properties"]
                ["client_secret"]["format"],
            "password"
        );
        assert_eq!(secret_fields(&mut doc, &RULES).unwrap(), 0);
    }

    #[test]
    fn secret_fields_rejects_a_listed_name_the_spec_lacks() {
        let mut doc = secret_document(Some("enrollmentToken"));
        let error = secret_fields(&mut doc, &RULES).unwrap_err().to_string();
        assert_eq!(
            error,
            "secret rule names fields the spec no longer has: enrollmentToken"
        );
    }

    fn progenitor_document(operation: Value) -> Value {
        document(json!({ "/op": { "post": operation } }), json!({}))
    }

    #[test]
    fn progenitor_invariants_accepts_a_conforming_document() {
        let mut doc = progenitor_document(responding(json!({ "type": "object" })));
        let before = doc.clone();
        assert_eq!(progenitor_invariants(&mut doc).unwrap(), 0);
        assert_eq!(doc, before);
    }

    #[test]
    fn progenitor_invariants_rejects_openapi_3_1() {
        let mut doc = progenitor_document(responding(json!({})));
        doc["openapi"] = json!("3.1.0");
        let error = progenitor_invariants(&mut doc).unwrap_err().to_string();
        assert_eq!(
            error,
            "progenitor needs OpenAPI 3.0.x, the spec says `3.1.0`"
        );
    }

    #[test]
    fn progenitor_invariants_rejects_a_non_ascii_info_version() {
        let mut doc = progenitor_document(responding(json!({})));
        doc["info"]["version"] = json!("3.0.0 – beta");
        let error = progenitor_invariants(&mut doc).unwrap_err().to_string();
        assert!(
            error.starts_with("info.version must be non-empty ASCII"),
            "{error}"
        );
    }

    #[test]
    fn progenitor_invariants_removes_default_responses_and_cookie_parameters() {
        let mut operation = responding(json!({ "type": "object" }));
        operation["responses"]["default"] = json!({ "description": "error" });
        operation["parameters"] = json!([
            { "name": "page", "in": "query", "schema": { "type": "integer" } },
            { "name": "session", "in": "cookie", "schema": { "type": "string" } },
            { "name": "x-genauth-app-id", "in": "header", "schema": { "type": "string" } }
        ]);
        let mut doc = progenitor_document(operation);
        assert_eq!(progenitor_invariants(&mut doc).unwrap(), 2);
        let operation = &doc["paths"]["/op"]["post"];
        assert_eq!(operation["responses"].get("default"), None);
        assert!(operation["responses"].get("200").is_some());
        let kept: Vec<&str> = operation["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(kept, ["page", "x-genauth-app-id"]);
        assert_eq!(progenitor_invariants(&mut doc).unwrap(), 0);
    }

    #[test]
    fn progenitor_invariants_rejects_two_request_media_types() {
        let mut operation = responding(json!({}));
        operation["requestBody"] = json!({
            "content": {
                "application/json": { "schema": { "type": "object" } },
                "application/x-www-form-urlencoded": { "schema": { "type": "object" } }
            }
        });
        let mut doc = progenitor_document(operation);
        let error = progenitor_invariants(&mut doc).unwrap_err().to_string();
        assert!(
            error.contains("POST /op: the request body has 2 media types, progenitor needs one"),
            "{error}"
        );
    }

    #[test]
    fn progenitor_invariants_rejects_ambiguous_success_responses() {
        let mut two = responding(json!({}));
        two["responses"]["201"] = two["responses"]["200"].clone();
        let mut doc = progenitor_document(two);
        let error = progenitor_invariants(&mut doc).unwrap_err().to_string();
        assert!(
            error.contains("POST /op: 2 success responses, progenitor needs exactly one"),
            "{error}"
        );

        let mut media = responding(json!({}));
        media["responses"]["200"]["content"]["text/plain"] = json!({ "schema": {} });
        let mut doc = progenitor_document(media);
        let error = progenitor_invariants(&mut doc).unwrap_err().to_string();
        assert!(
            error.contains("POST /op: the success response has 2 media types"),
            "{error}"
        );
    }

    #[test]
    fn stable_order_sorts_required_and_tags_only() {
        let mut doc = document(
            json!({
                "/op": {
                    "get": {
                        "tags": ["Zeta", "Alpha"],
                        "parameters": [
                            { "name": "b", "in": "query" },
                            { "name": "a", "in": "query" }
                        ],
                        "responses": {}
                    }
                }
            }),
            json!({
                "Thing": {
                    "type": "object",
                    "required": ["b", "a", "b"],
                    "properties": {
                        "kind": { "type": "string", "enum": ["z", "a"] },
                        "sorted": { "type": "object", "required": ["a", "b"] }
                    }
                }
            }),
        );
        assert_eq!(stable_order(&mut doc), 2);
        assert_eq!(doc["paths"]["/op"]["get"]["tags"], json!(["Alpha", "Zeta"]));
        assert_eq!(
            doc["components"]["schemas"]["Thing"]["required"],
            json!(["a", "b"])
        );
        // Meaningful order is kept.
        assert_eq!(
            doc["components"]["schemas"]["Thing"]["properties"]["kind"]["enum"],
            json!(["z", "a"])
        );
        let names: Vec<&str> = doc["paths"]["/op"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(names, ["b", "a"]);
        assert_eq!(stable_order(&mut doc), 0);
    }

    #[test]
    fn response_schema_names_follow_references_from_success_responses() {
        let mut operation = responding(schema_ref("RespDto"));
        operation["responses"]["400"] = json!({
            "description": "bad",
            "content": { "application/json": { "schema": schema_ref("ErrorDto") } }
        });
        operation["requestBody"] = json!({
            "content": { "application/json": { "schema": schema_ref("RequestDto") } }
        });
        let doc = document(
            json!({ "/a": { "post": operation } }),
            json!({
                "RespDto": { "properties": { "data": { "items": schema_ref("Item") } } },
                "Item": { "properties": { "owner": schema_ref("User"), "self": schema_ref("Item") } },
                "User": { "type": "object" },
                "ErrorDto": { "type": "object" },
                "RequestDto": { "properties": { "user": schema_ref("User") } }
            }),
        );
        let names: Vec<String> = response_schema_names(&doc).into_iter().collect();
        assert_eq!(names, ["Item", "RespDto", "User"]);
    }

    #[test]
    fn bare_urls_become_autolinks_and_nothing_else_changes() {
        let cases = [
            (
                "see https://docs.genauth.ai/x.html. Then",
                "see <https://docs.genauth.ai/x.html>. Then",
            ),
            (
                "a [link](https://a.b/c) stays",
                "a [link](https://a.b/c) stays",
            ),
            (
                "a [link](https://a.b/#t ag/x) mended",
                "a [link](https://a.b/#tag/x) mended",
            ),
            (
                "no opening bracket](https://a.b/c).",
                "no opening bracket](<https://a.b/c>).",
            ),
            (
                "an <https://a.b> autolink stays",
                "an <https://a.b> autolink stays",
            ),
            (
                "code `curl https://a.b` stays",
                "code `curl https://a.b` stays",
            ),
            (
                "```text\nGET https://a.b\n```",
                "```text\nGET https://a.b\n```",
            ),
            (
                "(https://a.b/c) in parentheses",
                "(<https://a.b/c>) in parentheses",
            ),
            (
                "two: http://a.b, and https://c.d",
                "two: <http://a.b>, and <https://c.d>",
            ),
        ];
        for (before, after) in cases {
            let mut document = json!({ "description": before });
            autolink_bare_urls(&mut document);
            assert_eq!(document["description"], after, "{before}");
            assert_eq!(autolink_bare_urls(&mut document), 0, "idempotent: {before}");
        }
    }

    #[test]
    fn plain_text_code_fences_labels_only_bare_opening_fences() {
        let mut document = json!({
            "paths": { "/a": { "get": { "description": "Header:\n```\nBasic abc\n```\nJS:\n```js\nx()\n```" } } },
            "components": { "schemas": { "S": { "description": "no fences" } } }
        });
        assert_eq!(plain_text_code_fences(&mut document), 1);
        assert_eq!(
            document
                .pointer("/paths/~1a/get/description")
                .and_then(Value::as_str),
            Some("Header:\n```text\nBasic abc\n```\nJS:\n```js\nx()\n```")
        );
        assert_eq!(plain_text_code_fences(&mut document), 0, "idempotent");
    }
}

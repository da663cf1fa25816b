//! Generates the client from `openapi/genauth-authentication-v3.json` (and only
//! that file) with progenitor, plus, from the same spec, the `ResponseEnvelope`
//! impls and the operation table. Nothing here is per operation: a change to the
//! API is a change to the spec (or to the normalizer that writes it).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use heck::ToPascalCase;
use progenitor::Generator;
use serde_json::Value;

include!("generation.rs");

fn main() {
    let (spec, document, spec_path) = load_spec();
    // Passwords, codes and tokens become `SecretString`, whose Debug is redacted.
    let settings = generation_settings("crate", "crate::SecretString");
    let mut generator = Generator::new(&settings);
    let tokens = generator
        .generate_tokens(&spec)
        .unwrap_or_else(|e| panic!("progenitor failed on {}: {e}", spec_path.display()));
    let file: syn::File = syn::parse2(tokens).expect("progenitor emits valid Rust");
    let mut code = prettyplease::unparse(&file);
    code.push_str(&envelope_impls(&document));
    code.push_str(&operation_table(&document));
    code.push_str(&response_type_dispatch(&document));

    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("codegen.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The success response schema of each operation, by component name.
fn response_schemas(document: &Value) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for (_, _, operation) in operations(document) {
        let reference = operation
            .pointer("/responses/200/content/application~1json/schema/$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"));
        if let (Some(id), Some(name)) = (operation["operationId"].as_str(), reference) {
            found.insert(id.to_owned(), name.to_owned());
        }
    }
    found
}

/// `impl ResponseEnvelope` for every success response type: the envelope
/// fields and, where the schema has `data`, the payload type.
fn envelope_impls(document: &Value) -> String {
    let schemas: std::collections::BTreeSet<String> =
        response_schemas(document).into_values().collect();
    let mut out = String::from("\n// Generated from the spec's response schemas by build.rs.\n");
    for name in schemas {
        let schema = &document["components"]["schemas"][&name];
        let properties = &schema["properties"];
        let rust = name.to_pascal_case();
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let status = if required.contains(&"statusCode") {
            "Some(self.status_code)"
        } else {
            "self.status_code"
        };
        let (data_type, into_data) = match properties.get("data") {
            Some(data) => {
                let data_type = match data
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    Some(target) => format!("types::{}", target.to_pascal_case()),
                    None if data.get("type").and_then(Value::as_str) == Some("array") => {
                        let item = data
                            .pointer("/items/$ref")
                            .and_then(Value::as_str)
                            .and_then(|r| r.strip_prefix("#/components/schemas/"));
                        match item {
                            Some(target) => {
                                format!("::std::vec::Vec<types::{}>", target.to_pascal_case())
                            }
                            None => "::std::vec::Vec<::serde_json::Value>".to_owned(),
                        }
                    }
                    None => "::serde_json::Value".to_owned(),
                };
                // Untyped upstream: an absent `data` is JSON null, not a missing payload.
                let into_data = if data_type == "::serde_json::Value" {
                    "Some(self.data.unwrap_or_default())"
                } else {
                    "self.data"
                };
                (data_type, into_data)
            }
            None => ("Self".to_owned(), "Some(self)"),
        };
        let _ = write!(
            out,
            "impl crate::ResponseEnvelope for types::{rust} {{
    type Data = {data_type};
    fn status_code(&self) -> Option<i64> {{ {status} }}
    fn message(&self) -> Option<&str> {{ self.message.as_deref() }}
    fn api_code(&self) -> Option<i64> {{ self.api_code }}
    fn request_id(&self) -> Option<&str> {{ self.request_id.as_deref() }}
    fn into_data(self) -> Option<Self::Data> {{ {into_data} }}
}}
"
        );
    }
    out
}

/// `OPERATIONS`: every operation's id, method, path, tag, and deprecation.
fn operation_table(document: &Value) -> String {
    let mut out = String::from(
        "\n/// Every operation of the spec, in spec order: what the facade, the mock and the
/// parity tests check themselves against.
pub const OPERATIONS: &[crate::Operation] = &[\n",
    );
    for (method, path, operation) in operations(document) {
        let _ = writeln!(
            out,
            "    crate::Operation {{ id: {:?}, method: {:?}, path: {:?}, tag: {:?}, summary: {:?}, deprecated: {} }},",
            operation["operationId"].as_str().unwrap_or_default(),
            method.to_uppercase(),
            path,
            operation
                .pointer("/tags/0")
                .and_then(Value::as_str)
                .unwrap_or_default(),
            operation["summary"].as_str().unwrap_or_default(),
            operation["deprecated"].as_bool().unwrap_or(false),
        );
    }
    out.push_str("];\n");
    out
}

/// `visit_response_type`: hands a [`ResponseTypeVisitor`] the success response
/// type of an operation named at run time, so code that is generic over
/// `ResponseEnvelope` (the facade's response mapping, its fuzz target) can be
/// driven by operation name.
fn response_type_dispatch(document: &Value) -> String {
    let mut out = String::from(
        "
/// Calls `visitor` with the success response type of the operation `operation_id`
/// (a facade name); `None` when no operation has that id.
pub fn visit_response_type<V: crate::ResponseTypeVisitor>(
    operation_id: &str,
    visitor: V,
) -> Option<V::Output> {
    let operation = crate::Operation::find(operation_id)?;
    match operation.id {
",
    );
    for (id, schema) in response_schemas(document) {
        let _ = writeln!(
            out,
            "        {id:?} => Some(visitor.visit::<types::{}>(operation)),",
            schema.to_pascal_case()
        );
    }
    out.push_str("        _ => None,\n    }\n}\n");
    out
}

fn operations(document: &Value) -> Vec<(&str, &str, &Value)> {
    let mut found = Vec::new();
    if let Some(paths) = document["paths"].as_object() {
        for (path, item) in paths {
            for method in ["get", "put", "post", "delete", "patch"] {
                if let Some(operation) = item.get(method) {
                    found.push((method, path.as_str(), operation));
                }
            }
        }
    }
    found
}

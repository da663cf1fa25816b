//! Reading, validating and writing OpenAPI documents as JSON values.

use std::path::Path;

use anyhow::{Context, bail};
use serde_json::{Map, Value};

/// HTTP methods that can hold an operation in an OpenAPI path item.
pub const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Parses `bytes` as an OpenAPI 3.0.x document with at least one path.
///
/// The error is one line that says what is wrong, for `fetch` to print.
pub fn parse_openapi_3_0(bytes: &[u8]) -> anyhow::Result<Value> {
    let trimmed = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &bytes[i..]);
    if trimmed.starts_with(b"<") {
        bail!("the source returned an HTML or XML page, not an OpenAPI JSON document");
    }
    let document: Value = serde_json::from_slice(bytes).context("the source is not valid JSON")?;
    let Some(object) = document.as_object() else {
        bail!("the source is JSON but not an object, so not an OpenAPI document");
    };
    match (
        object.get("openapi").and_then(Value::as_str),
        object.get("swagger"),
    ) {
        (Some(version), _) if version.starts_with("3.0.") => {}
        (Some(version), _) => {
            bail!("OpenAPI {version} is not supported: the pipeline needs OpenAPI 3.0.x")
        }
        (None, Some(_)) => {
            bail!("Swagger/OpenAPI 2.0 is not supported: the pipeline needs OpenAPI 3.0.x")
        }
        (None, None) => bail!("the JSON document has no `openapi` version field"),
    }
    match object.get("paths").and_then(Value::as_object) {
        Some(paths) if !paths.is_empty() => Ok(document),
        _ => bail!("the OpenAPI document has no paths"),
    }
}

/// Reads and validates an OpenAPI 3.0.x document from a file.
pub fn read_openapi(path: &Path) -> anyhow::Result<Value> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_openapi_3_0(&bytes).with_context(|| format!("{} is not a usable spec", path.display()))
}

/// The canonical text of a document: keys sorted at every level, two-space
/// indentation, a final newline. Byte-identical for equal values.
pub fn to_canonical_json(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(&sorted(document)).unwrap_or_default();
    text.push('\n');
    text
}

/// A copy of `value` whose objects list their keys in sorted order, whichever
/// map type serde_json was built with.
pub fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut keys: Vec<&String> = object.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for key in keys {
                out.insert(key.clone(), sorted(&object[key]));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// One operation of a document: its method, path and object.
pub struct OperationRef<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub operation: &'a Value,
}

/// Every operation of a document, in document order.
pub fn operations(document: &Value) -> Vec<OperationRef<'_>> {
    let mut found = Vec::new();
    if let Some(paths) = document.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            for method in HTTP_METHODS {
                if let Some(operation) = item.get(method) {
                    found.push(OperationRef {
                        method,
                        path,
                        operation,
                    });
                }
            }
        }
    }
    found
}

/// Calls `visit` with every operation object of a document, mutably.
pub fn for_each_operation_mut(document: &mut Value, mut visit: impl FnMut(&str, &str, &mut Value)) {
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            for method in HTTP_METHODS {
                if let Some(operation) = item.get_mut(method) {
                    visit(method, path, operation);
                }
            }
        }
    }
}

/// The operationIds of a document, in document order.
pub fn operation_ids(document: &Value) -> Vec<String> {
    operations(document)
        .iter()
        .filter_map(|op| {
            op.operation
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parse_accepts_openapi_3_0_with_paths() {
        let bytes = br#"  {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {}}}"#;
        let document = parse_openapi_3_0(bytes).unwrap();
        assert_eq!(document["openapi"], "3.0.3");
    }

    #[test]
    fn parse_errors_are_one_line_and_say_what_is_wrong() {
        let cases: [(&[u8], &str); 7] = [
            (b"\n <!DOCTYPE html><html></html>", "HTML or XML page"),
            (b"{\"openapi\": ", "not valid JSON"),
            (b"[1, 2]", "not an object"),
            (
                br#"{"openapi": "3.1.0", "paths": {"/a": {}}}"#,
                "OpenAPI 3.1.0 is not supported",
            ),
            (
                br#"{"swagger": "2.0", "paths": {"/a": {}}}"#,
                "Swagger/OpenAPI 2.0 is not supported",
            ),
            (
                br#"{"info": {}, "paths": {"/a": {}}}"#,
                "no `openapi` version field",
            ),
            (br#"{"openapi": "3.0.3", "paths": {}}"#, "has no paths"),
        ];
        for (bytes, phrase) in cases {
            let error = format!("{:#}", parse_openapi_3_0(bytes).unwrap_err());
            assert!(
                error.contains(phrase),
                "{error:?} should contain {phrase:?}"
            );
            assert!(!error.contains('\n'), "{error:?} should be one line");
        }
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level_and_ends_with_a_newline() {
        let document = json!({ "b": { "y": 1, "x": [{ "d": 1, "c": 2 }] }, "a": true });
        let text = to_canonical_json(&document);
        assert_eq!(
            text,
            "{\n  \"a\": true,\n  \"b\": {\n    \"x\": [\n      {\n        \"c\": 2,\n        \"d\": 1\n      }\n    ],\n    \"y\": 1\n  }\n}\n"
        );
    }

    #[test]
    fn operations_lists_every_method_in_document_order() {
        let document = json!({
            "paths": {
                "/a": { "get": { "operationId": "getA" }, "post": { "operationId": "postA" }, "summary": "not an operation" },
                "/b": { "delete": {} }
            }
        });
        let found: Vec<(&str, &str)> = operations(&document)
            .iter()
            .map(|op| (op.method, op.path))
            .collect();
        assert_eq!(found, [("get", "/a"), ("post", "/a"), ("delete", "/b")]);
        assert_eq!(operation_ids(&document), ["getA", "postA"]);
    }
}

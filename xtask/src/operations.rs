//! The committed operation table (`openapi/parity.tsv`): one row per operation
//! with the facade name our SDK uses and the official Python SDK's name.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationRow {
    pub facade_name: String,
    pub upstream_operation_id: String,
    pub python_name: Option<String>,
    pub method: String,
    pub path: String,
    pub tag: String,
    pub deprecated: bool,
    /// Only reads, so safe to retry (`read_only` column, reviewed by hand
    /// against each operation's description).
    pub read_only: bool,
    /// How a list operation pages (`paginated` column, where the table has
    /// one): `query` (`page`/`limit` query parameters) or `body`
    /// (`options.pagination` in the JSON body).
    pub paginated: Option<String>,
}

/// The table, keyed by (lower-case method, path): the one key that survives
/// normalization, so renaming is idempotent.
#[derive(Debug, Clone, Default)]
pub struct OperationTable {
    by_route: BTreeMap<(String, String), OperationRow>,
    /// The file it was read from, for messages.
    source: String,
}

impl OperationTable {
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut table =
            Self::parse(&text).with_context(|| format!("{} is malformed", path.display()))?;
        table.source = path.file_name().map_or_else(String::new, |name| {
            format!("openapi/{}", name.to_string_lossy())
        });
        Ok(table)
    }

    /// The file the table was read from (`openapi/parity.tsv`), or `the
    /// naming table` for a parsed text.
    pub fn source(&self) -> &str {
        if self.source.is_empty() {
            "the naming table"
        } else {
            &self.source
        }
    }

    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
        let column = |name: &str| {
            header
                .iter()
                .position(|h| *h == name)
                .with_context(|| format!("no `{name}` column"))
        };
        let (facade, upstream, python, method, path, tag, deprecated, read_only) = (
            column("facade_name")?,
            column("operationId")?,
            column("python_name")?,
            column("http_method")?,
            column("path")?,
            column("tag")?,
            column("deprecated")?,
            column("read_only")?,
        );
        let paginated = header.iter().position(|h| *h == "paginated");
        let mut table = Self::default();
        for (index, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let cells: Vec<&str> = line.split('\t').collect();
            let cell = |i: usize| {
                cells
                    .get(i)
                    .map(|s| s.trim().to_owned())
                    .with_context(|| format!("row {} is short", index + 2))
            };
            let row = OperationRow {
                facade_name: cell(facade)?,
                upstream_operation_id: cell(upstream)?,
                python_name: Some(cell(python)?).filter(|n| n != "-"),
                method: cell(method)?.to_ascii_lowercase(),
                path: cell(path)?,
                tag: cell(tag)?,
                deprecated: cell(deprecated)? == "yes",
                read_only: cell(read_only)? == "yes",
                paginated: match paginated {
                    Some(column) => Some(cell(column)?).filter(|kind| kind != "-"),
                    None => None,
                },
            };
            let key = (row.method.clone(), row.path.clone());
            if table.by_route.insert(key, row).is_some() {
                bail!("row {} repeats a method and path", index + 2);
            }
        }
        Ok(table)
    }

    pub fn get(&self, method: &str, path: &str) -> Option<&OperationRow> {
        self.by_route
            .get(&(method.to_ascii_lowercase(), path.to_owned()))
    }

    pub fn rows(&self) -> impl Iterator<Item = &OperationRow> {
        self.by_route.values()
    }

    pub fn len(&self) -> usize {
        self.by_route.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_route.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "facade_name\toperationId\tpython_name\thttp_method\tpath\ttag\trequest\tresponse_schema\tdeprecated\tread_only";

    #[test]
    fn parse_reads_rows_by_method_and_path() {
        let text = format!(
            "{HEADER}\nget_qr_code_status\tcheckQrCodeStatus\t-\tGET\t/api/v3/get-qrcode-status\tQR\tquery\tRespDto\tyes\tyes\n\n"
        );
        let table = OperationTable::parse(&text).unwrap();
        assert_eq!(table.len(), 1);
        let row = table.get("get", "/api/v3/get-qrcode-status").unwrap();
        assert_eq!(row.facade_name, "get_qr_code_status");
        assert_eq!(row.upstream_operation_id, "checkQrCodeStatus");
        assert_eq!(row.python_name, None);
        assert_eq!(row.method, "get");
        assert!(row.deprecated);
        assert!(row.read_only);
        assert!(table.get("POST", "/api/v3/get-qrcode-status").is_none());
    }

    #[test]
    fn parse_rejects_a_missing_column_a_short_row_and_a_repeated_route() {
        let missing = OperationTable::parse("facade_name\toperationId\n").unwrap_err();
        assert!(
            missing.to_string().contains("no `python_name` column"),
            "{missing}"
        );

        let short = OperationTable::parse(&format!("{HEADER}\nonly\ttwo\n")).unwrap_err();
        assert_eq!(short.to_string(), "row 2 is short");

        let row = "a\tA\t-\tGET\t/a\tT\tnone\tR\tno\tyes";
        let repeated = OperationTable::parse(&format!("{HEADER}\n{row}\n{row}\n")).unwrap_err();
        assert_eq!(repeated.to_string(), "row 3 repeats a method and path");
    }
}

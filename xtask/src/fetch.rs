//! `cargo xtask fetch`: downloads or reads the upstream spec, validates it, and
//! replaces the committed snapshot atomically.

use std::fmt;
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::spec::{operation_ids, parse_openapi_3_0};

/// The environment variable naming the source when `--from` is absent.
pub const SOURCE_ENV: &str = "GENAUTH_OPENAPI_URL";

/// Largest document accepted; the real one is about 400 KiB.
const MAX_SPEC_BYTES: u64 = 64 * 1024 * 1024;

/// How `fetch` downloads.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Total time allowed for one download.
    pub timeout: Duration,
    /// Print a byte-count progress line while downloading.
    pub progress: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(60),
            progress: true,
        }
    }
}

/// What a fetch changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchReport {
    pub source: String,
    pub bytes: usize,
    pub operations_before: usize,
    pub operations_after: usize,
    /// operationIds the fetched document has and the old one lacked, sorted.
    pub added: Vec<String>,
    /// operationIds the old document had and the fetched one lacks, sorted.
    pub removed: Vec<String>,
}

impl fmt::Display for FetchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "fetched {} bytes from {}", self.bytes, self.source)?;
        writeln!(
            f,
            "operations: {} before, {} after",
            self.operations_before, self.operations_after
        )?;
        writeln!(f, "added operationIds: {}", list_or_none(&self.added))?;
        writeln!(f, "removed operationIds: {}", list_or_none(&self.removed))?;
        if !self.added.is_empty() || !self.removed.is_empty() {
            writeln!(
                f,
                "next: map new operations in openapi/parity.tsv, then `cargo xtask normalize`"
            )?;
        }
        Ok(())
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// Fetches `source` (an `http(s)://` URL or a file path), validates it, and
/// atomically replaces `target`. On any error `target` is left untouched.
pub fn fetch(source: &str, target: &Path, options: &FetchOptions) -> anyhow::Result<FetchReport> {
    let bytes = if source.starts_with("http://") || source.starts_with("https://") {
        download(source, options)?
    } else {
        std::fs::read(source).with_context(|| format!("cannot read {source}"))?
    };
    let fetched = parse_openapi_3_0(&bytes)
        .with_context(|| format!("{source} is not a usable OpenAPI 3.0 spec"))?;
    let before: Vec<String> = std::fs::read(target)
        .ok()
        .and_then(|old| serde_json::from_slice::<Value>(&old).ok())
        .map(|old| operation_ids(&old))
        .unwrap_or_default();
    let after = operation_ids(&fetched);
    replace_atomically(target, &bytes)?;
    Ok(FetchReport {
        source: source.to_owned(),
        bytes: bytes.len(),
        operations_before: before.len(),
        operations_after: after.len(),
        added: sorted_difference(&after, &before),
        removed: sorted_difference(&before, &after),
    })
}

/// The ids of `from` that `other` lacks, sorted, so the report does not depend
/// on the order in which serde_json's map type keeps the paths.
fn sorted_difference(from: &[String], other: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = from
        .iter()
        .filter(|id| !other.contains(id))
        .cloned()
        .collect();
    ids.sort();
    ids
}

fn download(url: &str, options: &FetchOptions) -> anyhow::Result<Vec<u8>> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::blocking::Client::builder()
        .timeout(options.timeout)
        .connect_timeout(options.timeout.min(Duration::from_secs(10)))
        .build()
        .context("cannot build the HTTP client")?;
    let mut response = client
        .get(url)
        .send()
        .map_err(|e| anyhow::anyhow!("cannot download {url}: {}", describe(&e)))?;
    let status = response.status();
    if !status.is_success() {
        bail!("{url} answered HTTP {status}");
    }
    let expected = response.content_length();
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let read = response
            .read(&mut chunk)
            .map_err(|e| anyhow::anyhow!("download of {url} failed: {e}"))?;
        if read == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..read]);
        if bytes.len() as u64 > MAX_SPEC_BYTES {
            bail!("{url} sent more than {MAX_SPEC_BYTES} bytes; not an API spec");
        }
        if options.progress {
            match expected {
                Some(total) => eprint!("\rdownloaded {} / {total} bytes", bytes.len()),
                None => eprint!("\rdownloaded {} bytes", bytes.len()),
            }
            let _ = std::io::stderr().flush();
        }
    }
    if options.progress {
        eprintln!();
    }
    Ok(bytes)
}

fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connect() {
        // The innermost cause says why: refused, DNS failure, TLS handshake.
        let mut cause: &dyn std::error::Error = error;
        while let Some(inner) = cause.source() {
            cause = inner;
        }
        format!("cannot connect ({cause})")
    } else {
        let mut text = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            text = format!("{text}: {inner}");
            source = inner.source();
        }
        text
    }
}

/// Writes `bytes` beside `target` and renames it over `target`, so a reader
/// never sees a half-written file.
fn replace_atomically(target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let directory = target
        .parent()
        .context("the target has no parent directory")?;
    let temporary = directory.join(format!(
        ".{}.fetch-{}",
        target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("spec"),
        std::process::id()
    ));
    let written = std::fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, target));
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("cannot replace {}", target.display()));
    }
    Ok(())
}

//! `cargo xtask check`: fails when anything derived from the committed
//! upstream snapshots is not what the pipeline derives from them now.

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

use crate::derive::derive;
use crate::paths::{APIS, Workspace};

/// How many lines of a unified diff the error shows.
const DIFF_LINES_SHOWN: usize = 40;

/// Checks, for every API: the normalized spec, its copies in the crates and
/// the generated facade are what `normalize` writes, and `openapi/README.md`
/// records the upstream file's sha256.
pub fn check(workspace: &Workspace) -> anyhow::Result<()> {
    let readme_path = workspace.file("openapi/README.md");
    let readme = std::fs::read_to_string(&readme_path)
        .with_context(|| format!("cannot read {}", readme_path.display()))?;
    for api in APIS {
        let derived = derive(workspace, api)?;
        for (relative, expected) in derived.files() {
            let target = workspace.file(relative);
            let committed = std::fs::read_to_string(&target).unwrap_or_default();
            if committed != *expected {
                bail!(
                    "{} is stale or hand-edited; run `cargo xtask normalize` and commit the result.\n{}",
                    target.display(),
                    diff_excerpt(&committed, expected)
                );
            }
        }
        let upstream = std::fs::read(workspace.upstream_spec(api))?;
        let digest = sha256_hex(&upstream);
        if !readme.contains(&digest) {
            bail!(
                "openapi/README.md does not record the sha256 {digest} of {}; update its provenance section",
                api.upstream
            );
        }
    }
    Ok(())
}

/// The sha256 of a file's bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The first lines of a unified diff from `committed` to `expected`.
pub fn diff_excerpt(committed: &str, expected: &str) -> String {
    let diff = similar::TextDiff::from_lines(committed, expected);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header("committed", "normalize would write")
        .to_string();
    let mut lines: Vec<&str> = text.lines().take(DIFF_LINES_SHOWN).collect();
    let total = text.lines().count();
    let more = format!(
        "... ({} more diff lines)",
        total.saturating_sub(DIFF_LINES_SHOWN)
    );
    if total > DIFF_LINES_SHOWN {
        lines.push(&more);
    }
    lines.join("\n")
}

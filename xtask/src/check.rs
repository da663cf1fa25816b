//! `cargo xtask check`: fails when what is committed under `openapi/` is not
//! what the pipeline derives from the committed upstream snapshot.

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

use crate::normalize::normalized_text;
use crate::paths::Workspace;

/// How many lines of a unified diff the error shows.
const DIFF_LINES_SHOWN: usize = 40;

/// Checks that the normalized spec is what `normalize` produces, and that
/// `openapi/README.md` records the upstream file's sha256.
pub fn check(workspace: &Workspace) -> anyhow::Result<()> {
    let (expected, _) = normalized_text(workspace)?;
    let target = workspace.normalized_spec();
    let committed = std::fs::read_to_string(&target)
        .with_context(|| format!("cannot read {}", target.display()))?;
    if committed != expected {
        bail!(
            "{} is stale or hand-edited; run `cargo xtask normalize` and commit the result.\n{}",
            target.display(),
            diff_excerpt(&committed, &expected)
        );
    }
    let upstream = std::fs::read(workspace.upstream_spec())?;
    let digest = hex(&Sha256::digest(&upstream));
    let readme_path = workspace.root().join("openapi/README.md");
    let readme = std::fs::read_to_string(&readme_path)
        .with_context(|| format!("cannot read {}", readme_path.display()))?;
    if !readme.contains(&digest) {
        bail!(
            "openapi/README.md does not record the upstream snapshot's sha256 {digest}; update its provenance section"
        );
    }
    Ok(())
}

/// The sha256 of a file's bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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

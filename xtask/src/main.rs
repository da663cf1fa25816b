//! Spec pipeline for the GenAuth Rust SDK: `cargo xtask fetch | normalize | check`.
//!
//! The upstream OpenAPI document is committed as fetched; `normalize` rewrites it
//! into the document that code generation reads; `check` fails when the committed
//! normalized document is stale. See `openapi/README.md` for every step and why.

use std::process::ExitCode;

use xtask::{check, fetch, normalize, paths::Workspace};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  fetch [--from <https URL | file path>]   replace openapi/genauth-authentication-v3.upstream.json
                                           (default source: $GENAUTH_OPENAPI_URL)
  normalize                                rewrite the upstream spec into openapi/genauth-authentication-v3.json
  check                                    fail when the committed normalized spec is stale";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let workspace = Workspace::locate();
    let result = match args.first().map(String::as_str) {
        Some("fetch") => fetch_command(&workspace, &args[1..]),
        Some("normalize") => {
            normalize::write_normalized(&workspace).map(|report| print!("{report}"))
        }
        Some("check") => {
            check::check(&workspace).map(|()| println!("openapi/: normalized spec is up to date"))
        }
        Some("-h" | "--help") | None => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(anyhow::anyhow!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn fetch_command(workspace: &Workspace, args: &[String]) -> anyhow::Result<()> {
    let source = match args {
        [flag, source] if flag == "--from" => source.clone(),
        [] => std::env::var(fetch::SOURCE_ENV).map_err(|_| {
            anyhow::anyhow!(
                "no source: pass --from <URL or path> or set {}",
                fetch::SOURCE_ENV
            )
        })?,
        _ => anyhow::bail!("{USAGE}"),
    };
    let options = fetch::FetchOptions::default();
    let report = fetch::fetch(&source, &workspace.upstream_spec(), &options)?;
    print!("{report}");
    Ok(())
}

//! Spec pipeline for the GenAuth Rust SDK: `cargo xtask fetch | normalize | check`.
//!
//! The upstream OpenAPI document is committed as fetched; `normalize` rewrites it
//! into the document that code generation reads; `check` fails when the committed
//! normalized document is stale. See `openapi/README.md` for every step and why.

use std::process::ExitCode;

use xtask::paths::Workspace;
use xtask::{check, derive, fetch, paths};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  fetch [--api <name>] [--from <https URL | file path>]
              replace the API's upstream snapshot, openapi/genauth-<api>-v3.upstream.json
              (api: authentication (the default) or management; source by default:
              $GENAUTH_OPENAPI_URL, or $GENAUTH_MANAGEMENT_OPENAPI_URL for management)
  normalize   rewrite every API's upstream snapshot into its normalized spec
              (openapi/, and the copies inside the crates that build from it),
              and generate the facade's methods (crates/genauth/src/generated/)
  check       fail when anything `normalize` writes is stale";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let workspace = Workspace::locate();
    let result = match args.first().map(String::as_str) {
        Some("fetch") => fetch_command(&workspace, &args[1..]),
        Some("normalize") => derive::write_all(&workspace).map(|written| {
            for derived in written {
                println!("{}:", derived.api.name);
                print!("{}", derived.report);
                for (file, _) in derived.files() {
                    println!("  wrote {file}");
                }
            }
        }),
        Some("check") => {
            check::check(&workspace).map(|()| println!("every derived file is up to date"))
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
    let (api, args) = match args {
        [flag, name, rest @ ..] if flag == "--api" => (
            paths::api(name).ok_or_else(|| anyhow::anyhow!("unknown API `{name}`\n{USAGE}"))?,
            rest,
        ),
        rest => (paths::AUTHENTICATION, rest),
    };
    let source = match args {
        [flag, source] if flag == "--from" => source.clone(),
        [] => std::env::var(api.source_env).map_err(|_| {
            anyhow::anyhow!(
                "no source: pass --from <URL or path> or set {}",
                api.source_env
            )
        })?,
        _ => anyhow::bail!("{USAGE}"),
    };
    let options = fetch::FetchOptions::default();
    let report = fetch::fetch(&source, &workspace.upstream_spec(&api), &options)?;
    print!("{report}");
    Ok(())
}

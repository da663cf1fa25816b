// The progenitor settings and spec loading shared by the build scripts of
// genauth-api (the client) and genauth-mock (its typed httpmock expectations):
// both must see the same type space, so the settings live in one place.
// `include!`d by both build.rs files.

/// The normalized spec, relative to a crate directory under `crates/`.
const SPEC: &str = "../../openapi/genauth-authentication-v3.json";

/// Reads the normalized spec (typed, and as JSON) and tells cargo to rerun
/// when it or this file changes.
fn load_spec() -> (openapiv3::OpenAPI, serde_json::Value, std::path::PathBuf) {
    let manifest_dir = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let spec_path = manifest_dir.join(SPEC);
    println!("cargo:rerun-if-changed={}", spec_path.display());
    println!("cargo:rerun-if-changed={}", manifest_dir.join("../genauth-api/generation.rs").display());
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(&spec_path).unwrap_or_else(|e| panic!("cannot read {}: {e}", spec_path.display()));
    let spec = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not OpenAPI 3.0: {e}", spec_path.display()));
    let document = serde_json::from_str(&text).expect("the spec parsed once already");
    (spec, document, spec_path)
}

/// The generation settings. `api_crate` is the path of genauth-api from the
/// crate being built (`crate` or `genauth_api`); `secret_type` is the type
/// strings marked `format: password` become.
fn generation_settings(api_crate: &str, secret_type: &str) -> progenitor::GenerationSettings {
    use progenitor::{HooksMode, InterfaceStyle, TagStyle, TypeImpl};
    let mut settings = progenitor::GenerationSettings::default();
    settings
        // Positional: one `async fn` per operation taking its parameters in
        // order. About a third of the code of the builder style, which the
        // facade would wrap anyway.
        .with_interface(InterfaceStyle::Positional)
        // Merged: one `Client` for all tags, so the facade holds one value.
        .with_tag(TagStyle::Merged)
        // Every request goes through `Transport`, which the facade implements
        // (headers, timeouts, size cap, tracing).
        .with_inner_type(format!("{api_crate}::SharedTransport").parse().expect("a type path"))
        .with_hooks(HooksMode::Expected)
        .with_derive("schemars::JsonSchema")
        // `format: password` marks passwords, codes and tokens (normalizer
        // step 4b).
        .with_conversion(
            schemars::schema::SchemaObject {
                instance_type: Some(schemars::schema::InstanceType::String.into()),
                format: Some("password".to_owned()),
                ..Default::default()
            },
            secret_type,
            std::iter::empty::<TypeImpl>(),
        );
    settings
}

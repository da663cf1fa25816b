//! The spec pipeline as a library, so that its steps are unit-tested and
//! `cargo test --workspace` runs the drift check.

pub mod check;
pub mod derive;
pub mod facade;
pub mod fetch;
pub mod normalize;
pub mod operations;
pub mod paths;
pub mod rules;
pub mod spec;

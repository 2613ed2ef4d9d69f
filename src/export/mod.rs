//! Exporting a dataset: the canonical TOML form, which loads back into an equal dataset.

pub(crate) mod toml;

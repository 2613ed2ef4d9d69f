//! The `summitry` command-line tool.
fn main() {}

//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// A fresh directory under the system temporary directory, named after the test file
/// (`suite`), the case (`what`), the process and the time, so parallel runs never meet.
pub fn temp_dir(suite: &str, what: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!(
        "summitry-{suite}-{what}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

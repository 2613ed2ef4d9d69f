//! `examples/five_tasks.rs` does the five tasks of a newcomer with only the public API; its
//! output is pinned in `tests/five_tasks.out` (rewrite with `UPDATE_SNAPSHOTS=1`, then
//! review the diff).

#[path = "../examples/five_tasks.rs"]
#[allow(dead_code)]
mod five_tasks;

#[test]
fn the_five_tasks_print_what_is_pinned() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/broken");
    let out = five_tasks::run(dir).unwrap();
    // The directory's absolute path differs between machines: print it as the example does.
    let out = out.replace(env!("CARGO_MANIFEST_DIR"), ".");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/five_tasks.out");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &out).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap();
    assert!(out == expected, "output differs from {path}:\n{out}");
}

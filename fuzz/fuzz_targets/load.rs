//! Arbitrary bytes through the loader: it must never panic, and every rejection must carry
//! at least one diagnostic placed in the file (at most 50, then one that counts the rest),
//! and its rendering must hold nothing unprintable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use summitry::Loader;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = Loader::new().bytes("f.toml", data).load() {
        assert!(!e.diagnostics().is_empty());
        for (i, d) in e.diagnostics().iter().enumerate() {
            assert_eq!(d.file(), Some("f.toml"));
            // Past 50 problems, the 51st diagnostic counts the others, with no place.
            if i == 50 {
                assert!(d.message().starts_with("and ") && d.line() == 0);
            } else {
                assert!(i < 50 && d.line() >= 1);
            }
        }
        // Nothing unprintable reaches a terminal but line breaks and source lines' tabs.
        let shown = e.to_string();
        assert!(!shown.chars().any(|c| (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')));
    }
});

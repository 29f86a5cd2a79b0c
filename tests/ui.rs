//! Every misuse gets one precise message at the user's code: `tests/ui/*.rs` with the
//! expected `.stderr`. Regenerate after an intended change with `TRYBUILD=overwrite`.
//! `tests/ui-pass/*.rs` are whole crates that must compile and run (a crate root that
//! trybuild lets a test own).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui-pass/*.rs");
}

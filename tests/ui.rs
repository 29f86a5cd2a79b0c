//! Every misuse gets one precise message at the user's code: `tests/ui/*.rs` with the
//! expected `.stderr`. Regenerate after an intended change with `TRYBUILD=overwrite`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

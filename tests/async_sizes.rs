//! Sizes of async machines against the native `async fn` with the same body and against the
//! hand-computed minimum, for the shapes in `tests/shapes/mod.rs` (also printed as a table by
//! `examples/size_report.rs`).

mod common;
mod shapes;

use shapes::*;

#[test]
fn every_shape_is_at_most_native_and_at_most_the_minimum() {
    for r in table() {
        assert!(
            r.ours <= r.native,
            "{}: ours {} > native {}",
            r.name,
            r.ours,
            r.native
        );
        assert!(
            r.ours <= r.minimum,
            "{}: ours {} > minimum {}",
            r.name,
            r.ours,
            r.minimum
        );
    }
}

#[test]
fn rustc_keeps_what_we_drop() {
    let t = table();
    let find = |n: &str| t.iter().find(|r| r.name.starts_with(n)).expect("row");
    // rust-lang/rust#62958: the native wrapper chain keeps a copy of the future per level, and
    // a borrowed buffer is kept to the end of its scope.
    assert!(find("wrap(").native >= 3 * 1024);
    assert!(find("4 KiB local").native > 4096);
    assert!(find("nested calls").native > 2048);
}

#[test]
fn results_agree_with_native() {
    use common::block_on as b;
    assert_eq!(
        b(arg_only_before([1; 1024])),
        b(arg_only_before_native([1; 1024]))
    );
    assert_eq!(b(arg_after([1; 1024])), b(arg_after_native([1; 1024])));
    assert_eq!(b(borrowed_then_dead()), b(borrowed_then_dead_native()));
    assert_eq!(b(staggered()), b(staggered_native()));
    assert_eq!(b(big_ready_then_await()), b(big_ready_then_await_native()));
    assert_eq!(b(scrutinee(vec![4])), b(scrutinee_native(vec![4])));
    assert_eq!(b(same_statement(3)), b(same_statement_native(3)));
    assert_eq!(b(outer(2)), b(outer_native(2)));
    assert_eq!(b(move_capture(io(5))), 6);
    assert_eq!(b(wrap(wrap(Big([9; 1024])))), 9);
}

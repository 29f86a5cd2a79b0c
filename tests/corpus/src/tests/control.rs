use crate::harness::{same, tests, ALL};
use crate::support::D;

#[test]
fn control() {
    same!("early_return", ALL, |m| async {
        (
            m::control::early_return(&["a", "b", "long"]).await,
            m::control::early_return(&["a", ""]).await,
            m::control::early_return(&["a", "q"]).await,
        )
    });
    same!("labeled", ALL, |m| m::control::labeled(vec![
        vec!["a", "x", "b"],
        vec!["b", "abcde", "a"],
        vec!["a"]
    ]));
    same!("shadowing", ALL, |m| m::control::shadowing(" b "));
    same!("if_let_else", ALL, |m| async {
        (
            m::control::if_let_else(Some("a"), D("1")).await,
            m::control::if_let_else(Some("q"), D("2")).await,
            m::control::if_let_else(None, D("x3")).await,
            m::control::if_let_else(None, D("4")).await,
        )
    });
    same!("classify", ALL, |m| m::control::classify(vec![
        Ok(5),
        Ok(500),
        Err("e".into()),
        Ok(50)
    ]));
    same!("underscore_params", ALL, |m| m::control::underscore_params(
        D("ignored"),
        1,
        D("kept")
    ));
    same!("ref_bindings", ALL, |m| async {
        let a = m::control::ref_bindings(m::control::Config {
            name: "abc".into(),
            retries: 1,
            tags: vec![],
        })
        .await;
        let b = m::control::ref_bindings(m::control::Config {
            name: "x".into(),
            retries: 0,
            tags: vec!["t".into()],
        })
        .await;
        (a, b)
    });
    same!("counting", ALL, |m| m::control::counting("hello, world!"));
    same!("while_loop", ALL, |m| m::control::while_loop(7));
    same!("loop_break_value", ALL, |m| m::control::loop_break_value(3));
    same!("formatting", ALL, |m| m::control::formatting("a", 42));
    same!("nested_blocks", ALL, |m| m::control::nested_blocks(D(
        "outer"
    )));
    same!("hashmap_entry", ALL, |m| m::control::hashmap_entry(vec![
        "a", "b", "a", "zzzz"
    ]));
    same!("tuple_struct_match", ALL, |m| async {
        (
            m::control::tuple_struct_match((Some(D("1")), Ok(D("2")))).await,
            m::control::tuple_struct_match((None, Err(D("3")))).await,
            m::control::tuple_struct_match((Some(D("4")), Err(D("5")))).await,
        )
    });
    same!("question_on_option", ALL, |m| async {
        (
            m::control::question_on_option(&["a", "b"]).await,
            m::control::question_on_option(&["a"]).await,
            m::control::question_on_option(&[]).await,
            m::control::question_on_option(&["q", "a"]).await,
        )
    });
}

tests! {
    closures: ALL, |m| m::control::closures(vec!["a".into(), "q".into(), "b".into()]);
    combinators: ALL, |m| async {
        (
            m::control::combinators(Some("A"), Ok(1)).await,
            m::control::combinators(Some("abcdef"), Ok(1)).await,
            m::control::combinators(None, Err("e".into())).await,
            m::control::combinators(Some("q"), Ok(3)).await,
            m::control::combinators(Some(""), Ok(3)).await,
        )
    };
    destructure_params: ALL, |m| m::control::destructure_params(
        m::control::Point { x: 2, y: 3 },
        (4, D("t")),
        [1, 2, 3, 5],
    );
    drops_in_order: ALL, |m| async {
        (
            m::control::drops_in_order(true).await,
            m::control::drops_in_order(false).await,
        )
    };
    moved_into_closure: ALL, |m| m::control::moved_into_closure(vec![D("i1"), D("i2")]);
}

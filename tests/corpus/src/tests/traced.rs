use crate::harness::{tests, ALL};

tests! {
    entered_between: ALL, |m| m::traced::entered_between("bob");
    sigils: ALL, |m| m::traced::sigils(7, "list", vec!["x", "y"]);
    process: ALL, |m| async {
        let a = m::traced::process(m::traced::Job { id: 1, name: "ab".into() }).await;
        let b = m::traced::process(m::traced::Job { id: 2, name: String::new() }).await;
        (a, b)
    };
    in_scope_sync: ALL, |m| m::traced::in_scope_sync(vec![1, 2, 3]);
    nested_spans: ALL, |m| m::traced::nested_spans(2);
    current_span: ALL, |m| async {
        use crate::tracing::Instrument;
        m::traced::current_span("t").instrument(crate::tracing::info_span!("caller")).await
    };
}

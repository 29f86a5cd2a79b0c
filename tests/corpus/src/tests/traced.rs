use crate::harness::{tests, ALL};

tests! {
    entered_between: ALL, |m| m::traced::entered_between("bob");
    sigils: ALL, |m| m::traced::sigils(7, "list", vec!["x", "y"]);
    nested_spans: ALL, |m| m::traced::nested_spans(2);
    current_span: ALL, |m| async {
        use crate::tracing::Instrument;
        m::traced::current_span("t").instrument(crate::tracing::info_span!("caller")).await
    };
}

#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn running_total() -> impl Coroutine<
    i64,
    Yield = i64,
    Return = String,
> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __RunningTotal<T0> {
        Start,
        Yield0 { total: T0 },
        Running,
        Done,
    }
    impl<T0> ::stackless::__private::core::marker::Unpin for __RunningTotal<T0> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0> ::stackless::__private::StateTrace for __RunningTotal<T0> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "running_total",
                file: ::stackless::__private::core::file!(),
                defined: (
                    ::stackless::__private::core::line!(),
                    ::stackless::__private::core::column!(),
                ),
                at: &[
                    (
                        ::stackless::__private::core::line!(),
                        ::stackless::__private::core::column!(),
                    ),
                ],
            };
            match self {
                Self::Start { .. } => __POINTS.not_started(),
                Self::Yield0 { .. } => __POINTS.yielded(0usize),
                Self::Running => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::generator(
        __RunningTotal::Start {},
        |mut __state, __arg: i64| {
            let __ret: String = {
                match __state.as_mut().project_replace(__RunningTotal::Running) {
                    __RunningTotal::Start => {
                        ::stackless::__private::discard(__arg);
                        {
                            let mut total = 0;
                            {
                                {
                                    let __y: i64 = total;
                                    __state
                                        .set(__RunningTotal::Yield0 {
                                            total: total,
                                        });
                                    return ::stackless::__private::Step::Yielded(__y);
                                };
                            };
                        }
                    }
                    __RunningTotal::Yield0 { total: total } => {
                        let mut total = total;
                        '__exit0: {
                            {
                                let x = __arg;
                                if x == 0 {
                                    break '__exit0;
                                }
                                total += x;
                            }
                            {
                                {
                                    let __y: i64 = total;
                                    __state
                                        .set(__RunningTotal::Yield0 {
                                            total: total,
                                        });
                                    return ::stackless::__private::Step::Yielded(__y);
                                };
                            }
                        };
                        format!("total={total}")
                    }
                    __RunningTotal::Running => {
                        return ::stackless::__private::Step::Poisoned(
                            "coroutine `running_total` resumed after panicking",
                        );
                    }
                    __RunningTotal::Done => {
                        __state.set(__RunningTotal::Done);
                        return ::stackless::__private::Step::Done(
                            "coroutine `running_total` resumed after completion",
                        );
                    }
                }
            };
            __state.set(__RunningTotal::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

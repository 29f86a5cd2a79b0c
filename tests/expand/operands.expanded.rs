#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn operands(
    v: Vec<u32>,
) -> impl Coroutine<u32, Yield = u32, Return = u32> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Operands<T0, T1, T2> {
        Start { v: T0 },
        Yield0 { __t0: T1, v: T0 },
        Yield1 { __t2: T2, v: T0 },
        Running,
        Done,
    }
    impl<T0, T1, T2> ::stackless::__private::core::marker::Unpin
    for __Operands<T0, T1, T2> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1, T2> ::stackless::__private::StateTrace for __Operands<T0, T1, T2> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "operands",
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
                    (
                        ::stackless::__private::core::line!(),
                        ::stackless::__private::core::column!(),
                    ),
                ],
            };
            match self {
                Self::Start { .. } => __POINTS.not_started(),
                Self::Yield0 { .. } => __POINTS.yielded(0usize),
                Self::Yield1 { .. } => __POINTS.yielded(1usize),
                Self::Running => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::generator(
        __Operands::Start { v },
        |mut __state, __arg: u32| {
            let __ret: u32 = {
                match __state.as_mut().project_replace(__Operands::Running) {
                    __Operands::Start { v: v } => {
                        ::stackless::__private::discard(__arg);
                        {
                            let v = v;
                            {
                                let __t0 = f(v.len());
                                {
                                    let __y: u32 = 1;
                                    __state
                                        .set(__Operands::Yield0 {
                                            __t0: __t0,
                                            v: v,
                                        });
                                    return ::stackless::__private::Step::Yielded(__y);
                                };
                            };
                        }
                    }
                    __Operands::Yield0 { __t0: __t0, v: v } => {
                        let v = v;
                        {
                            let __t0 = __t0;
                            let mut __t1 = __arg;
                            let __t2 = __t0 + __t1 * v[0];
                            {
                                let __y: u32 = 2;
                                __state
                                    .set(__Operands::Yield1 {
                                        __t2: __t2,
                                        v: v,
                                    });
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        };
                    }
                    __Operands::Yield1 { __t2: __t2, v: v } => {
                        let v = v;
                        let x = {
                            let __t2 = __t2;
                            let mut __t3 = __arg;
                            match () {
                                () => __t2 + g(__t3, v[1]),
                            }
                        };
                        x
                    }
                    __Operands::Running => {
                        return ::stackless::__private::Step::Poisoned(
                            "coroutine `operands` resumed after panicking",
                        );
                    }
                    __Operands::Done => {
                        __state.set(__Operands::Done);
                        return ::stackless::__private::Step::Done(
                            "coroutine `operands` resumed after completion",
                        );
                    }
                }
            };
            __state.set(__Operands::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

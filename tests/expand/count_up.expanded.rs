#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn count_up(limit: u64) -> impl Iterator<Item = u64> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __CountUp<T0, T1> {
        Start { limit: T0 },
        Yield0 { i: T1, limit: T0 },
        __NoNicheYield0 {
            i: ::stackless::__private::core::mem::MaybeUninit<T1>,
            limit: ::stackless::__private::core::mem::MaybeUninit<T0>,
        },
        Running,
        Done,
    }
    impl<T0, T1> ::stackless::__private::core::marker::Unpin for __CountUp<T0, T1> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1> ::stackless::__private::StateTrace for __CountUp<T0, T1> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "count_up",
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
                Self::Running | Self::__NoNicheYield0 { .. } => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::resident_generator(
        __CountUp::Start { limit },
        |mut __s| __s.set(__CountUp::Running),
        |mut __state, __arg: ()| {
            let __ret: () = '__body: {
                let mut __pass = false;
                loop {
                    if __pass {
                        if let __CountUp::Start { .. } = __state.as_mut().project() {
                            break '__body {
                                let __CountUp::Start { limit: limit } = __state
                                    .as_mut()
                                    .project_replace(__CountUp::Running) else {
                                    ::stackless::__private::core::unreachable!()
                                };
                                ::stackless::__private::cold_path();
                                ::stackless::__private::discard(__arg);
                                {
                                    let mut __res_limit = limit;
                                    #[allow(unused_variables)]
                                    let limit = &__res_limit;
                                    let __value: () = {
                                        let mut __res_i = 0;
                                        #[allow(unused_variables)]
                                        let i = &mut __res_i;
                                        '__loop0: {
                                            if (*i) < (*limit) {
                                                {
                                                    let __y: u64 = (*i);
                                                    __state
                                                        .set(__CountUp::Yield0 {
                                                            i: __res_i,
                                                            limit: __res_limit,
                                                        });
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            } else {
                                                break '__loop0;
                                            };
                                        }
                                    };
                                    __value
                                }
                            };
                        }
                    } else if let __CountUp::Yield0 {
                        i: __slot_i,
                        limit: __slot_limit,
                    } = __state.as_mut().project()
                    {
                        break '__body {
                            #[allow(unused_variables)]
                            let mut i = __slot_i;
                            #[allow(unused_variables)]
                            let mut limit: &_ = __slot_limit;
                            {
                                let __value: () = {
                                    {
                                        {
                                            {
                                                ::stackless::__private::discard(__arg);
                                                (*i) += 1;
                                            }
                                        }
                                        '__loop0: {
                                            if (*i) < (*limit) {
                                                {
                                                    let __y: u64 = (*i);
                                                    unsafe {
                                                        ::stackless::__private::core::hint::assert_unchecked(
                                                            ::stackless::__private::core::matches!(
                                                                * ::stackless::__private::state_addr(& __state),
                                                                __CountUp::Yield0 { .. }
                                                            ),
                                                        )
                                                    };
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            } else {
                                                break '__loop0;
                                            };
                                        }
                                    }
                                };
                                __value
                            }
                        }
                    }
                    if __pass {
                        return ::stackless::__private::Step::stopped(
                            ::stackless::__private::core::matches!(
                                * __state, __CountUp::Running
                            ),
                            &[
                                "coroutine `count_up` resumed after completion",
                                "coroutine `count_up` resumed after panicking",
                            ],
                        );
                    }
                    __pass = true;
                }
            };
            __state.set(__CountUp::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

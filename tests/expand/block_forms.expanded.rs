fn count_up(limit: u64) -> impl Iterator<Item = u64> {
    {
        yield_!(@ __stackless_used);
        let __witness = ::stackless::__private::Witness::<(), _, ()>::new();
        if false {
            #[allow(clippy::async_yields_async)]
            __witness
                .body(async move {
                    let __r: () = {
                        let mut i = 0;
                        while i < limit {
                            {
                                __witness.yielded(::stackless::__private::expect(i));
                                __witness.resume().await
                            };
                            i += 1;
                        }
                    };
                    #[allow(unreachable_code)]
                    let __r = __r;
                    __r
                });
            ::stackless::__private::core::unreachable!();
        }
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
        enum __Iter<T0, T1> {
            Start { limit: T0 },
            Yield0 { i: T1, limit: T0 },
            __NoNicheYield0 {
                i: ::stackless::__private::core::mem::MaybeUninit<T1>,
                limit: ::stackless::__private::core::mem::MaybeUninit<T0>,
            },
            Running,
            Done,
        }
        impl<T0, T1> ::stackless::__private::core::marker::Unpin for __Iter<T0, T1> {}
        #[allow(unused_imports)]
        use ::stackless::__private::Unpinned as _;
        impl<T0, T1> ::stackless::__private::StateTrace for __Iter<T0, T1> {
            #[allow(unused_variables)]
            fn state_level(&self) -> ::stackless::__private::Level<'_> {
                static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                    function: "iter!",
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
            __Iter::Start { limit },
            |mut __s| __s.set(__Iter::Running),
            move |mut __state, __arg: ()| {
                let __ret: () = '__body: {
                    let mut __pass = false;
                    loop {
                        if __pass {
                            if let __Iter::Start { .. } = __state.as_mut().project() {
                                break '__body {
                                    let __Iter::Start { limit: limit } = __state
                                        .as_mut()
                                        .project_replace(__Iter::Running) else {
                                        ::stackless::__private::core::unreachable!()
                                    };
                                    ::stackless::__private::cold_path();
                                    ::stackless::__private::discard(__arg);
                                    {
                                        let mut __res_limit = limit;
                                        #[allow(unused_variables)]
                                        let limit = &mut __res_limit;
                                        let __value: () = {
                                            let mut __res_i = 0;
                                            #[allow(unused_variables)]
                                            let i = &mut __res_i;
                                            '__loop0: {
                                                if (*i) < (*limit) {
                                                    {
                                                        let __y = (*i);
                                                        __state
                                                            .set(__Iter::Yield0 {
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
                        } else if let __Iter::Yield0 {
                            i: __slot_i,
                            limit: __slot_limit,
                        } = __state.as_mut().project()
                        {
                            break '__body {
                                #[allow(unused_variables)]
                                let mut i = __slot_i;
                                #[allow(unused_variables)]
                                let mut limit = __slot_limit;
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
                                                        let __y = (*i);
                                                        unsafe {
                                                            ::stackless::__private::core::hint::assert_unchecked(
                                                                ::stackless::__private::core::matches!(
                                                                    * ::stackless::__private::state_addr(& __state),
                                                                    __Iter::Yield0 { .. }
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
                                    * __state, __Iter::Running
                                ),
                                &[
                                    "coroutine `iter!` resumed after completion",
                                    "coroutine `iter!` resumed after panicking",
                                ],
                            );
                        }
                        __pass = true;
                    }
                };
                __state.set(__Iter::Done);
                ::stackless::__private::Step::Complete(__ret)
            },
        );
        __witness.resumes(&__machine);
        __witness.yields(&__machine);
        __witness.returns(&__machine);
        __machine
    }
}
fn running_total() -> impl Coroutine<i64, Yield = i64, Return = String> {
    {
        yield_!(@ __stackless_used);
        let __witness = ::stackless::__private::Witness::<i64, _, _>::new();
        if false {
            #[allow(clippy::async_yields_async)]
            __witness
                .body(async move {
                    let __r = {
                        let first: i64 = __witness.resume().await;
                        let mut total = first;
                        loop {
                            let x = {
                                __witness.yielded(::stackless::__private::expect(total));
                                __witness.resume().await
                            };
                            if x == 0 {
                                break;
                            }
                            total += x;
                        }
                        format!("total={total}")
                    };
                    #[allow(unreachable_code)]
                    let __r = __r;
                    __r
                });
            ::stackless::__private::core::unreachable!();
        }
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
        enum __Co<T0> {
            Start,
            Yield0 { total: T0 },
            Running,
            Done,
        }
        impl<T0> ::stackless::__private::core::marker::Unpin for __Co<T0> {}
        #[allow(unused_imports)]
        use ::stackless::__private::Unpinned as _;
        impl<T0> ::stackless::__private::StateTrace for __Co<T0> {
            #[allow(unused_variables)]
            fn state_level(&self) -> ::stackless::__private::Level<'_> {
                static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                    function: "co!",
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
            __Co::Start {},
            move |mut __state, __arg: i64| {
                let __ret = {
                    match __state.as_mut().project_replace(__Co::Running) {
                        __Co::Start => {
                            let first: i64 = __arg;
                            let mut total = first;
                            {
                                {
                                    let __y = total;
                                    __state.set(__Co::Yield0 { total: total });
                                    return ::stackless::__private::Step::Yielded(__y);
                                };
                            };
                        }
                        __Co::Yield0 { total: total } => {
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
                                        let __y = total;
                                        __state.set(__Co::Yield0 { total: total });
                                        return ::stackless::__private::Step::Yielded(__y);
                                    };
                                }
                            };
                            format!("total={total}")
                        }
                        __Co::Running => {
                            return ::stackless::__private::Step::Poisoned(
                                "coroutine `co!` resumed after panicking",
                            );
                        }
                        __Co::Done => {
                            __state.set(__Co::Done);
                            return ::stackless::__private::Step::Done(
                                "coroutine `co!` resumed after completion",
                            );
                        }
                    }
                };
                __state.set(__Co::Done);
                ::stackless::__private::Step::Complete(__ret)
            },
        );
        __witness.resumes(&__machine);
        __witness.yields(&__machine);
        __witness.returns(&__machine);
        __machine
    }
}

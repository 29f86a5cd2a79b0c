use stackless::yield_;
/// A closure made in a loop and called after a yield: its two copies (the `Start` arm's and
/// the `Yield0` arm's) are wrapped in one `AltFn1`.
#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn offsets(n: u32) -> impl Iterator<Item = u32> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Offsets<T0, T1, T2> {
        Start { n: T0 },
        Yield0 { f: T1, __iter1: T2 },
        Yield1 { __iter1: T2 },
        __NoNicheYield0 {
            f: ::stackless::__private::core::mem::MaybeUninit<T1>,
            __iter1: ::stackless::__private::core::mem::MaybeUninit<T2>,
        },
        __NoNicheYield1 { __iter1: ::stackless::__private::core::mem::MaybeUninit<T2> },
        Running,
        Done,
    }
    impl<T0, T1, T2> ::stackless::__private::core::marker::Unpin
    for __Offsets<T0, T1, T2> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1, T2> ::stackless::__private::StateTrace for __Offsets<T0, T1, T2> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "offsets",
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
                Self::Running
                | Self::__NoNicheYield0 { .. }
                | Self::__NoNicheYield1 { .. } => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::parked_generator(
        __Offsets::Start { n },
        |mut __s| __s.set(__Offsets::Running),
        |mut __state, __arg: ()| {
            let __ret: () = '__body: {
                let mut __pass = false;
                loop {
                    if __pass {
                        if let __Offsets::Start { .. } = __state.as_mut().project() {
                            break '__body {
                                let __Offsets::Start { n: n } = __state
                                    .as_mut()
                                    .project_replace(__Offsets::Running) else {
                                    ::stackless::__private::core::unreachable!()
                                };
                                ::stackless::__private::cold_path();
                                ::stackless::__private::discard(__arg);
                                {
                                    let n = n;
                                    let __value: () = {
                                        {
                                            let mut __res___iter1 = ::stackless::__private::core::iter::IntoIterator::into_iter(
                                                0..n,
                                            );
                                            #[allow(unused_variables)]
                                            let __iter1 = &mut __res___iter1;
                                            '__loop0: {
                                                match ::stackless::__private::core::iter::Iterator::next(
                                                    &mut *__iter1,
                                                ) {
                                                    ::stackless::__private::core::option::Option::None => {
                                                        break '__loop0;
                                                    }
                                                    ::stackless::__private::core::option::Option::Some(i) => {
                                                        let f = ::stackless::__private::alt_fn1(
                                                            ::stackless::__private::alt_first(
                                                                ::stackless::__private::fn_sig1(move |x: u32| x + i),
                                                            ),
                                                        );
                                                        {
                                                            let __y: u32 = f(1);
                                                            __state
                                                                .set(__Offsets::Yield0 {
                                                                    f: ::stackless::__private::Taken::new(f),
                                                                    __iter1: __res___iter1,
                                                                });
                                                            return ::stackless::__private::Step::Yielded(__y);
                                                        };
                                                    }
                                                };
                                            }
                                        }
                                    };
                                    __value
                                }
                            };
                        }
                    } else if let __Offsets::Yield0 {
                        f: __cell_f,
                        __iter1: __slot___iter1,
                    } = __state.as_mut().project()
                    {
                        {
                            let mut __res___iter1;
                            #[allow(unused_variables)]
                            let mut __iter1 = __slot___iter1;
                            {
                                {
                                    {
                                        {
                                            {
                                                {
                                                    let f = unsafe {
                                                        ::stackless::__private::Taken::take(__cell_f)
                                                    };
                                                    ::stackless::__private::discard(__arg);
                                                    {
                                                        let __y: u32 = f(2);
                                                        let __Offsets::Yield0 { f: _, __iter1: __taken___iter1 } = __state
                                                            .as_mut()
                                                            .project_replace(__Offsets::Running) else {
                                                            ::stackless::__private::core::unreachable!()
                                                        };
                                                        __res___iter1 = __taken___iter1;
                                                        __state
                                                            .set(__Offsets::Yield1 {
                                                                __iter1: __res___iter1,
                                                            });
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                };
                                            }
                                        };
                                    };
                                };
                            }
                        }
                    }
                    if __pass {
                        break '__body match __state.as_mut().project() {
                            __Offsets::Yield1 { __iter1: __slot___iter1 } => {
                                let mut __res___iter1;
                                #[allow(unused_variables)]
                                let mut __iter1 = __slot___iter1;
                                {
                                    let __value: () = {
                                        let __tail = {
                                            {
                                                {
                                                    {
                                                        ::stackless::__private::discard(__arg);
                                                    }
                                                }
                                                '__loop0: {
                                                    match ::stackless::__private::core::iter::Iterator::next(
                                                        &mut *__iter1,
                                                    ) {
                                                        ::stackless::__private::core::option::Option::None => {
                                                            break '__loop0;
                                                        }
                                                        ::stackless::__private::core::option::Option::Some(i) => {
                                                            let f = ::stackless::__private::alt_fn1(
                                                                ::stackless::__private::alt_second(
                                                                    ::stackless::__private::fn_sig1(move |x: u32| x + i),
                                                                ),
                                                            );
                                                            {
                                                                let __y: u32 = f(1);
                                                                let __Offsets::Yield1 { __iter1: __taken___iter1 } = __state
                                                                    .as_mut()
                                                                    .project_replace(__Offsets::Running) else {
                                                                    ::stackless::__private::core::unreachable!()
                                                                };
                                                                __res___iter1 = __taken___iter1;
                                                                __state
                                                                    .set(__Offsets::Yield0 {
                                                                        f: ::stackless::__private::Taken::new(f),
                                                                        __iter1: __res___iter1,
                                                                    });
                                                                return ::stackless::__private::Step::Yielded(__y);
                                                            };
                                                        }
                                                    };
                                                }
                                            }
                                        };
                                        let __Offsets::Yield1 { __iter1: __taken___iter1 } = __state
                                            .as_mut()
                                            .project_replace(__Offsets::Running) else {
                                            ::stackless::__private::core::unreachable!()
                                        };
                                        __res___iter1 = __taken___iter1;
                                        ::stackless::__private::discard(__res___iter1);
                                        __tail
                                    };
                                    __value
                                }
                            }
                            _ => {
                                return ::stackless::__private::Step::stopped(
                                    ::stackless::__private::core::matches!(
                                        * __state, __Offsets::Running
                                    ),
                                    &[
                                        "coroutine `offsets` resumed after completion",
                                        "coroutine `offsets` resumed after panicking",
                                    ],
                                );
                            }
                        };
                    }
                    __pass = true;
                }
            };
            __state.set(__Offsets::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |mut __s| match __s.as_mut().project() {
            __Offsets::Yield0 { f: f, .. } => {
                unsafe { ::stackless::__private::Taken::drop_live(f) };
            }
            _ => {}
        },
    );
    __machine
}

#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn search(
    items: Vec<u32>,
    target: u32,
) -> impl Coroutine<
    Yield = u32,
    Return = Option<usize>,
> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Search<T0, T1, T2, T3, T4> {
        Start { items: T0, target: T1 },
        Yield0 { x: T2, i: T3, __iter1: T4, target: T1 },
        Yield1,
        __NoNicheYield0 {
            x: ::stackless::__private::core::mem::MaybeUninit<T2>,
            i: ::stackless::__private::core::mem::MaybeUninit<T3>,
            __iter1: ::stackless::__private::core::mem::MaybeUninit<T4>,
            target: ::stackless::__private::core::mem::MaybeUninit<T1>,
        },
        Running,
        Done,
    }
    impl<T0, T1, T2, T3, T4> ::stackless::__private::core::marker::Unpin
    for __Search<T0, T1, T2, T3, T4> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1, T2, T3, T4> ::stackless::__private::StateTrace
    for __Search<T0, T1, T2, T3, T4> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "search",
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
                Self::Running | Self::__NoNicheYield0 { .. } => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::parked_generator(
        __Search::Start { items, target },
        |mut __s| __s.set(__Search::Running),
        |mut __state, __arg: ()| {
            let __ret: Option<usize> = '__body: {
                let mut __pass = false;
                loop {
                    if __pass {
                        if let __Search::Start { .. } = __state.as_mut().project() {
                            {
                                let __Search::Start { items: items, target: target } = __state
                                    .as_mut()
                                    .project_replace(__Search::Running) else {
                                    ::stackless::__private::core::unreachable!()
                                };
                                ::stackless::__private::cold_path();
                                ::stackless::__private::discard(__arg);
                                {
                                    let items = items;
                                    let mut __res_target = target;
                                    #[allow(unused_variables)]
                                    let target = &__res_target;
                                    {
                                        let mut __res___iter1 = ::stackless::__private::core::iter::IntoIterator::into_iter(
                                            items.into_iter().enumerate(),
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
                                                ::stackless::__private::core::option::Option::Some(
                                                    (i, x),
                                                ) => {
                                                    {
                                                        let __y: u32 = x;
                                                        __state
                                                            .set(__Search::Yield0 {
                                                                x: ::stackless::__private::Taken::new(x),
                                                                i: ::stackless::__private::Taken::new(i),
                                                                __iter1: __res___iter1,
                                                                target: __res_target,
                                                            });
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                }
                                            };
                                        }
                                    };
                                    {
                                        {
                                            let __y: u32 = 0;
                                            __state.set(__Search::Yield1);
                                            return ::stackless::__private::Step::Yielded(__y);
                                        };
                                    };
                                }
                            }
                        }
                    } else if let __Search::Yield0 {
                        x: __cell_x,
                        i: __cell_i,
                        __iter1: __slot___iter1,
                        target: __slot_target,
                    } = __state.as_mut().project()
                    {
                        {
                            let mut __res_target;
                            let mut __res___iter1;
                            #[allow(unused_variables)]
                            let mut __iter1 = __slot___iter1;
                            #[allow(unused_variables)]
                            let mut target: &_ = __slot_target;
                            {
                                {
                                    {
                                        {
                                            {
                                                let i = unsafe {
                                                    ::stackless::__private::Taken::take(__cell_i)
                                                };
                                                let x = unsafe {
                                                    ::stackless::__private::Taken::take(__cell_x)
                                                };
                                                ::stackless::__private::discard(__arg);
                                                if x == (*target) {
                                                    break '__body Some(i);
                                                }
                                            }
                                        }
                                        '__loop0: {
                                            match ::stackless::__private::core::iter::Iterator::next(
                                                &mut *__iter1,
                                            ) {
                                                ::stackless::__private::core::option::Option::None => {
                                                    break '__loop0;
                                                }
                                                ::stackless::__private::core::option::Option::Some(
                                                    (i, x),
                                                ) => {
                                                    {
                                                        let __y: u32 = x;
                                                        ::stackless::__private::Taken::put(__cell_x, x);
                                                        ::stackless::__private::Taken::put(__cell_i, i);
                                                        unsafe {
                                                            ::stackless::__private::core::hint::assert_unchecked(
                                                                ::stackless::__private::core::matches!(
                                                                    * ::stackless::__private::state_addr(& __state),
                                                                    __Search::Yield0 { .. }
                                                                ),
                                                            )
                                                        };
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                }
                                            };
                                        }
                                    }
                                };
                                let __Search::Yield0 {
                                    x: _,
                                    i: _,
                                    __iter1: __taken___iter1,
                                    target: __taken_target,
                                } = __state.as_mut().project_replace(__Search::Running)
                                else { ::stackless::__private::core::unreachable!() };
                                __res___iter1 = __taken___iter1;
                                ::stackless::__private::discard(__res___iter1);
                                __res_target = __taken_target;
                                target = &__res_target;
                                let _ = &target;
                                {
                                    {
                                        let __y: u32 = 0;
                                        __state.set(__Search::Yield1);
                                        return ::stackless::__private::Step::Yielded(__y);
                                    };
                                };
                            }
                        }
                    }
                    if __pass {
                        break '__body match __state.as_mut().project() {
                            __Search::Yield1 { .. } => {
                                let __Search::Yield1 = __state
                                    .as_mut()
                                    .project_replace(__Search::Running) else {
                                    ::stackless::__private::core::unreachable!()
                                };
                                {
                                    let tries = '__exit1: {
                                        {
                                            let t = __arg;
                                            if t > 3 {
                                                break '__exit1 t;
                                            }
                                        }
                                        {
                                            {
                                                let __y: u32 = 0;
                                                __state.set(__Search::Yield1);
                                                return ::stackless::__private::Step::Yielded(__y);
                                            };
                                        }
                                    };
                                    None
                                }
                            }
                            _ => {
                                return ::stackless::__private::Step::stopped(
                                    ::stackless::__private::core::matches!(
                                        * __state, __Search::Running
                                    ),
                                    &[
                                        "coroutine `search` resumed after completion",
                                        "coroutine `search` resumed after panicking",
                                    ],
                                );
                            }
                        };
                    }
                    __pass = true;
                }
            };
            __state.set(__Search::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |mut __s| match __s.as_mut().project() {
            __Search::Yield0 { x: x, i: i, .. } => {
                unsafe { ::stackless::__private::Taken::drop_live(x) };
                unsafe { ::stackless::__private::Taken::drop_live(i) };
            }
            _ => {}
        },
    );
    __machine
}

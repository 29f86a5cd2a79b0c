#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn ticks(
    n: u32,
    every: Duration,
) -> impl Stream<Item = u32> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    ::stackless::__private::pin_project! {
        #[project = __TicksProject] #[project_replace = __TicksReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __Ticks < T0, T1, F2, K3, T4, T5 > { Start { n : T0, every : T1, }, Await0 {
        #[pin] __fut : F2, __trace : K3, i : T4, __iter1 : T5, every : T1, }, Yield0 {
        __iter1 : T5, every : T1, }, Running, Done, }
    }
    impl<T0, T1, F2, K3, T4, T5> ::stackless::__private::Terminated
    for __Ticks<T0, T1, F2, K3, T4, T5> {
        #[inline]
        fn terminated(&self) -> bool {
            ::stackless::__private::core::matches!(self, Self::Running | Self::Done)
        }
    }
    impl<T0, T1, F2, K3, T4, T5> ::stackless::__private::StateTrace
    for __Ticks<T0, T1, F2, K3, T4, T5>
    where
        K3: ::stackless::__private::TraceKind<F2>,
    {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "ticks",
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
                Self::Await0 { __fut: __f, .. } => {
                    __POINTS
                        .awaiting(
                            0usize,
                            unsafe {
                                <K3 as ::stackless::__private::TraceKind<F2>>::awaited(__f)
                            },
                        )
                }
                Self::Yield0 { .. } => __POINTS.yielded(1usize),
                Self::Running => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::stream(
        __Ticks::Start { n, every },
        |mut __state, __arg: &mut ::stackless::__private::core::task::Context<'_>| {
            let __ret = '__body: {
                '__dispatch: loop {
                    match __state.as_mut().project() {
                        __TicksProject::Start { .. } => {
                            let __TicksReplace::Start { n: n, every: every } = __state
                                .as_mut()
                                .project_replace(__Ticks::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            break '__body {
                                {
                                    let n = n;
                                    let every = every;
                                    let __value: () = {
                                        {
                                            let mut __iter1 = ::stackless::__private::core::iter::IntoIterator::into_iter(
                                                0..n,
                                            );
                                            '__loop0: {
                                                match ::stackless::__private::core::iter::Iterator::next(
                                                    &mut __iter1,
                                                ) {
                                                    ::stackless::__private::core::option::Option::None => {
                                                        break '__loop0;
                                                    }
                                                    ::stackless::__private::core::option::Option::Some(i) => {
                                                        {
                                                            let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                                sleep(every),
                                                            );
                                                            __state
                                                                .set(__Ticks::Await0 {
                                                                    __trace: ::stackless::__private::core::default::Default::default(),
                                                                    __fut: __f,
                                                                    i: i,
                                                                    __iter1: __iter1,
                                                                    every: every,
                                                                });
                                                            continue '__dispatch;
                                                        };
                                                    }
                                                };
                                            }
                                        }
                                    };
                                    __value
                                };
                                ::stackless::__private::core::option::Option::None
                            };
                        }
                        __TicksProject::Await0 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(
                                        ::stackless::__private::core::task::Poll::Pending,
                                    );
                                }
                            };
                            let __TicksReplace::Await0 {
                                __fut: _,
                                __trace: _,
                                i: i,
                                __iter1: __iter1,
                                every: every,
                            } = __state.as_mut().project_replace(__Ticks::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let every = every;
                                {
                                    {
                                        let mut __iter1 = __iter1;
                                        {
                                            {
                                                {
                                                    let i = i;
                                                    ::stackless::__private::discard(__ready);
                                                    {
                                                        let __y: u32 = i;
                                                        __state
                                                            .set(__Ticks::Yield0 {
                                                                __iter1: __iter1,
                                                                every: every,
                                                            });
                                                        return ::stackless::__private::Step::Yielded(
                                                            ::stackless::__private::core::task::Poll::Ready(__y),
                                                        );
                                                    };
                                                };
                                            }
                                        };
                                    };
                                };
                            }
                        }
                        __TicksProject::Yield0 { .. } => {
                            let __TicksReplace::Yield0 {
                                __iter1: __iter1,
                                every: every,
                            } = __state.as_mut().project_replace(__Ticks::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            break '__body {
                                {
                                    let every = every;
                                    let __value: () = {
                                        {
                                            let mut __iter1 = __iter1;
                                            {
                                                {
                                                    {
                                                        ::stackless::__private::discard({});
                                                    }
                                                }
                                                '__loop0: {
                                                    match ::stackless::__private::core::iter::Iterator::next(
                                                        &mut __iter1,
                                                    ) {
                                                        ::stackless::__private::core::option::Option::None => {
                                                            break '__loop0;
                                                        }
                                                        ::stackless::__private::core::option::Option::Some(i) => {
                                                            {
                                                                let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                                    sleep(every),
                                                                );
                                                                __state
                                                                    .set(__Ticks::Await0 {
                                                                        __trace: {
                                                                            use ::stackless::__private::{
                                                                                ProbeOpaque as _, ProbeTraced as _,
                                                                            };
                                                                            (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                                        },
                                                                        __fut: __f,
                                                                        i: i,
                                                                        __iter1: __iter1,
                                                                        every: every,
                                                                    });
                                                                continue '__dispatch;
                                                            };
                                                        }
                                                    };
                                                }
                                            }
                                        }
                                    };
                                    __value
                                };
                                ::stackless::__private::core::option::Option::None
                            };
                        }
                        __TicksProject::Running | __TicksProject::Done => {
                            return ::stackless::__private::Step::stopped(
                                ::stackless::__private::core::matches!(
                                    * __state, __Ticks::Running
                                ),
                                &[
                                    "coroutine `ticks` resumed after completion",
                                    "coroutine `ticks` resumed after panicking",
                                ],
                            );
                        }
                    }
                }
            };
            __state.set(__Ticks::Done);
            match __ret {
                ::stackless::__private::core::option::Option::Some(__item) => {
                    ::stackless::__private::Step::Yielded(
                        ::stackless::__private::core::task::Poll::Ready(__item),
                    )
                }
                ::stackless::__private::core::option::Option::None => {
                    ::stackless::__private::Step::Complete(())
                }
            }
        },
    );
    __machine
}

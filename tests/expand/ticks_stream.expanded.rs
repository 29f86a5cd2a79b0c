fn ticks(n: u32, every: Duration) -> impl Stream<Item = u32> {
    yield_!(@ __stackless_used);
    ::stackless::__private::pin_project! {
        #[project = __TicksProject] #[project_replace = __TicksReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __Ticks < T0, T1, F2, T3, T4 > { Start { n : T0, every : T1, }, Await0 { #[pin]
        __fut : F2, i : T3, __iter1 : T4, every : T1, }, Yield0 { __iter1 : T4, every :
        T1, }, Running, Done, }
    }
    impl<T0, T1, F2, T3, T4> ::stackless::__private::Terminated
    for __Ticks<T0, T1, F2, T3, T4> {
        #[inline]
        fn terminated(&self) -> bool {
            ::stackless::__private::core::matches!(self, Self::Running | Self::Done)
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
                                    let __value = {
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
                                    let __value = {
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

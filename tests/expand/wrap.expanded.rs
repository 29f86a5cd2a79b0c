#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn wrap<F: Future>(
    f: F,
) -> impl ::stackless::__private::core::future::Future<
    Output = F::Output,
> + ::stackless::__private::Trace {
    ::stackless::__private::pin_project! {
        #[project = __WrapProject] #[project_replace = __WrapReplace] #[allow(dead_code,
        non_camel_case_types, clippy::large_enum_variant)] enum __Wrap < T0, F1, K2 > {
        Start { f : T0, }, Await0 { #[pin] __fut : F1, __trace : K2, }, Running, Done, }
    }
    impl<T0, F1, K2> ::stackless::__private::StateTrace for __Wrap<T0, F1, K2>
    where
        K2: ::stackless::__private::TraceKind<F1>,
    {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "wrap",
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
                Self::Await0 { __fut: __f, .. } => {
                    __POINTS
                        .awaiting(
                            0usize,
                            unsafe {
                                <K2 as ::stackless::__private::TraceKind<F1>>::awaited(__f)
                            },
                        )
                }
                Self::Running => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::future(
        __Wrap::Start { f },
        |mut __state, __arg: &mut ::stackless::__private::core::task::Context<'_>| {
            let __ret: F::Output = '__body: {
                '__dispatch: loop {
                    match __state.as_mut().project() {
                        __WrapProject::Start { .. } => {
                            let __WrapReplace::Start { f: f } = __state
                                .as_mut()
                                .project_replace(__Wrap::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let f = f;
                                {
                                    {
                                        let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                            f,
                                        );
                                        __state
                                            .set(__Wrap::Await0 {
                                                __trace: {
                                                    use ::stackless::__private::{
                                                        ProbeOpaque as _, ProbeTraced as _,
                                                    };
                                                    (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                },
                                                __fut: __f,
                                            });
                                        continue '__dispatch;
                                    };
                                };
                            }
                        }
                        __WrapProject::Await0 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __WrapReplace::Await0 { __fut: _, __trace: _ } = __state
                                .as_mut()
                                .project_replace(__Wrap::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            break '__body {
                                let __value: F::Output = { __ready };
                                __value
                            };
                        }
                        __WrapProject::Running | __WrapProject::Done => {
                            return ::stackless::__private::Step::stopped(
                                ::stackless::__private::core::matches!(
                                    * __state, __Wrap::Running
                                ),
                                &[
                                    "coroutine `wrap` resumed after completion",
                                    "coroutine `wrap` resumed after panicking",
                                ],
                            );
                        }
                    }
                }
            };
            __state.set(__Wrap::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

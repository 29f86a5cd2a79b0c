#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn fetch_user(
    id: u64,
) -> impl ::stackless::__private::core::future::Future<
    Output = User,
> + ::stackless::__private::Trace {
    ::stackless::__private::pin_project! {
        #[project = __FetchUserProject] #[project_replace = __FetchUserReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __FetchUser < T0, F1, K2, F3, K4 > { Start { id : T0, }, Await0 { #[pin] __fut :
        F1, __trace : K2, }, Await1 { #[pin] __fut : F3, __trace : K4, }, Running, Done,
        }
    }
    impl<T0, F1, K2, F3, K4> ::stackless::__private::StateTrace
    for __FetchUser<T0, F1, K2, F3, K4>
    where
        K2: ::stackless::__private::TraceKind<F1>,
        K4: ::stackless::__private::TraceKind<F3>,
    {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "fetch_user",
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
                                <K2 as ::stackless::__private::TraceKind<F1>>::awaited(__f)
                            },
                        )
                }
                Self::Await1 { __fut: __f, .. } => {
                    __POINTS
                        .awaiting(
                            1usize,
                            unsafe {
                                <K4 as ::stackless::__private::TraceKind<F3>>::awaited(__f)
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
        __FetchUser::Start { id },
        |mut __state, __arg: &mut ::stackless::__private::core::task::Context<'_>| {
            let __ret: User = '__body: {
                '__dispatch: loop {
                    match __state.as_mut().project() {
                        __FetchUserProject::Start { .. } => {
                            let __FetchUserReplace::Start { id: id } = __state
                                .as_mut()
                                .project_replace(__FetchUser::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let id = id;
                                {
                                    let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                        fetch_from_db(id),
                                    );
                                    __state
                                        .set(__FetchUser::Await0 {
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
                            }
                        }
                        __FetchUserProject::Await0 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __FetchUserReplace::Await0 { __fut: _, __trace: _ } = __state
                                .as_mut()
                                .project_replace(__FetchUser::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let data = __ready;
                                {
                                    let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                        parse_user(data),
                                    );
                                    __state
                                        .set(__FetchUser::Await1 {
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
                            }
                        }
                        __FetchUserProject::Await1 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __FetchUserReplace::Await1 { __fut: _, __trace: _ } = __state
                                .as_mut()
                                .project_replace(__FetchUser::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            break '__body {
                                let user = __ready;
                                user
                            };
                        }
                        __FetchUserProject::Running | __FetchUserProject::Done => {
                            return ::stackless::__private::Step::stopped(
                                ::stackless::__private::core::matches!(
                                    * __state, __FetchUser::Running
                                ),
                                &[
                                    "coroutine `fetch_user` resumed after completion",
                                    "coroutine `fetch_user` resumed after panicking",
                                ],
                            );
                        }
                    }
                }
            };
            __state.set(__FetchUser::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

fn fetch_user(
    id: u64,
) -> impl ::stackless::__private::core::future::Future<Output = User> {
    ::stackless::__private::pin_project! {
        #[project = __FetchUserProject] #[project_replace = __FetchUserReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __FetchUser < T0, F1, F2 > { Start { id : T0, }, Await0 { #[pin] __fut : F1, },
        Await1 { #[pin] __fut : F2, }, Running, Done, }
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
                                    __state.set(__FetchUser::Await0 { __fut: __f });
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
                            let __FetchUserReplace::Await0 { __fut: _ } = __state
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
                                    __state.set(__FetchUser::Await1 { __fut: __f });
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
                            let __FetchUserReplace::Await1 { __fut: _ } = __state
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

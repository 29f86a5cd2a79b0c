#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn echo_server(
    stream: TcpStream,
) -> impl ::stackless::__private::core::future::Future<
    Output = std::io::Result<usize>,
> + ::stackless::__private::Trace {
    ::stackless::__private::pin_project! {
        #[project = __EchoServerProject] #[project_replace = __EchoServerReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __EchoServer < T0, F1, K2, T3, F4, K5, T6 > { Start { stream : T0, }, Await0 {
        #[pin] __fut : F1, __trace : K2, total : T3, }, Await1 { #[pin] __fut : F4,
        __trace : K5, b : T6, total : T3, }, Running, Done, }
    }
    impl<T0, F1, K2, T3, F4, K5, T6> ::stackless::__private::StateTrace
    for __EchoServer<T0, F1, K2, T3, F4, K5, T6>
    where
        K2: ::stackless::__private::TraceKind<F1>,
        K5: ::stackless::__private::TraceKind<F4>,
    {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "echo_server",
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
                                <K5 as ::stackless::__private::TraceKind<F4>>::awaited(__f)
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
        __EchoServer::Start { stream },
        |mut __state, __arg: &mut ::stackless::__private::core::task::Context<'_>| {
            let __ret: std::io::Result<usize> = '__body: {
                '__dispatch: loop {
                    match __state.as_mut().project() {
                        __EchoServerProject::Start { .. } => {
                            let __EchoServerReplace::Start { stream: stream } = __state
                                .as_mut()
                                .project_replace(__EchoServer::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let stream = stream;
                                {
                                    let mut stream = stream;
                                    let mut buf = vec![0u8; 1024];
                                    let mut total = 0;
                                    {
                                        {
                                            {
                                                let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                    read_some(stream, buf),
                                                );
                                                __state
                                                    .set(__EchoServer::Await0 {
                                                        __trace: ::stackless::__private::core::default::Default::default(),
                                                        __fut: __f,
                                                        total: total,
                                                    });
                                                continue '__dispatch;
                                            };
                                        };
                                    };
                                };
                            }
                        }
                        __EchoServerProject::Await0 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __EchoServerReplace::Await0 {
                                __fut: _,
                                __trace: _,
                                total: total,
                            } = __state.as_mut().project_replace(__EchoServer::Running)
                            else { ::stackless::__private::core::unreachable!() };
                            {
                                {
                                    let mut total = total;
                                    {
                                        {
                                            let (s, b, n) = {
                                                let mut __t0 = __ready;
                                                match () {
                                                    () => {
                                                        match ::stackless::__private::Try::branch(__t0) {
                                                            ::stackless::__private::core::ops::ControlFlow::Continue(
                                                                __v,
                                                            ) => __v,
                                                            ::stackless::__private::core::ops::ControlFlow::Break(
                                                                __r,
                                                            ) => {
                                                                break '__body <_ as ::stackless::__private::FromResidual<
                                                                    _,
                                                                >>::from_residual(__r);
                                                            }
                                                        }
                                                    }
                                                }
                                            };
                                            if n == 0 {
                                                break '__body Ok(total);
                                            }
                                            total += n;
                                            {
                                                {
                                                    let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                        write_all(s, b[..n].to_vec()),
                                                    );
                                                    __state
                                                        .set(__EchoServer::Await1 {
                                                            __trace: {
                                                                use ::stackless::__private::{
                                                                    ProbeOpaque as _, ProbeTraced as _,
                                                                };
                                                                (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                            },
                                                            __fut: __f,
                                                            b: {
                                                                use ::stackless::__private::{
                                                                    HoldRefAny as _, HoldRefCopy as _,
                                                                };
                                                                let __hold = ::stackless::__private::HoldRef(&b);
                                                                let __kept = unsafe {
                                                                    (&__hold).__hold_kind().take(__hold)
                                                                };
                                                                if ::stackless::__private::needs_drop_of(&b) {
                                                                    ::stackless::__private::forget_taken(b);
                                                                }
                                                                __kept
                                                            },
                                                            total: total,
                                                        });
                                                    continue '__dispatch;
                                                };
                                            };
                                        }
                                    };
                                };
                            }
                        }
                        __EchoServerProject::Await1 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __EchoServerReplace::Await1 {
                                __fut: _,
                                __trace: _,
                                b: b,
                                total: total,
                            } = __state.as_mut().project_replace(__EchoServer::Running)
                            else { ::stackless::__private::core::unreachable!() };
                            {
                                {
                                    let mut stream;
                                    let mut buf;
                                    let mut total = total;
                                    {
                                        {
                                            let b = b;
                                            let (s, mut b) = {
                                                let mut __t1 = __ready;
                                                match () {
                                                    () => {
                                                        match ::stackless::__private::Try::branch(__t1) {
                                                            ::stackless::__private::core::ops::ControlFlow::Continue(
                                                                __v,
                                                            ) => __v,
                                                            ::stackless::__private::core::ops::ControlFlow::Break(
                                                                __r,
                                                            ) => {
                                                                break '__body <_ as ::stackless::__private::FromResidual<
                                                                    _,
                                                                >>::from_residual(__r);
                                                            }
                                                        }
                                                    }
                                                }
                                            };
                                            b.resize(1024, 0);
                                            stream = s;
                                            buf = b;
                                        }
                                        {
                                            {
                                                {
                                                    let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                        read_some(stream, buf),
                                                    );
                                                    __state
                                                        .set(__EchoServer::Await0 {
                                                            __trace: {
                                                                use ::stackless::__private::{
                                                                    ProbeOpaque as _, ProbeTraced as _,
                                                                };
                                                                (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                            },
                                                            __fut: __f,
                                                            total: total,
                                                        });
                                                    continue '__dispatch;
                                                };
                                            };
                                        }
                                    };
                                };
                            }
                        }
                        __EchoServerProject::Running | __EchoServerProject::Done => {
                            return ::stackless::__private::Step::stopped(
                                ::stackless::__private::core::matches!(
                                    * __state, __EchoServer::Running
                                ),
                                &[
                                    "coroutine `echo_server` resumed after completion",
                                    "coroutine `echo_server` resumed after panicking",
                                ],
                            );
                        }
                    }
                }
            };
            __state.set(__EchoServer::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

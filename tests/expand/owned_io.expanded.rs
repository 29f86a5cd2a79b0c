fn echo_server(
    stream: TcpStream,
) -> impl ::stackless::__private::core::future::Future<Output = std::io::Result<usize>> {
    ::stackless::__private::pin_project! {
        #[project = __EchoServerProject] #[project_replace = __EchoServerReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __EchoServer < T0, F1, T2, F3, T4 > { Start { stream : T0, }, Await0 { #[pin]
        __fut : F1, total : T2, }, Await1 { #[pin] __fut : F3, b : T4, total : T2, },
        Running, Done, }
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
                                            let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                read_some(stream, buf),
                                            );
                                            __state
                                                .set(__EchoServer::Await0 {
                                                    __fut: __f,
                                                    total: total,
                                                });
                                            continue '__dispatch;
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
                            let __EchoServerReplace::Await0 { __fut: _, total: total } = __state
                                .as_mut()
                                .project_replace(__EchoServer::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                {
                                    let mut total = total;
                                    {
                                        {
                                            let __t0 = __ready;
                                            let (s, b, n) = match ::stackless::__private::Try::branch(
                                                __t0,
                                            ) {
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
                                            };
                                            if n == 0 {
                                                break '__body Ok(total);
                                            }
                                            total += n;
                                            {
                                                let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                    write_all(s, b[..n].to_vec()),
                                                );
                                                __state
                                                    .set(__EchoServer::Await1 {
                                                        __fut: __f,
                                                        b: {
                                                            use ::stackless::__private::{HoldAny as _, HoldCopy as _};
                                                            let __hold = ::stackless::__private::Hold(b);
                                                            (&__hold).__hold_kind().wrap(__hold)
                                                        },
                                                        total: total,
                                                    });
                                                continue '__dispatch;
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
                                            let __t1 = __ready;
                                            let (s, mut b) = match ::stackless::__private::Try::branch(
                                                __t1,
                                            ) {
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
                                            };
                                            b.resize(1024, 0);
                                            stream = s;
                                            buf = b;
                                        }
                                        {
                                            {
                                                let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                    read_some(stream, buf),
                                                );
                                                __state
                                                    .set(__EchoServer::Await0 {
                                                        __fut: __f,
                                                        total: total,
                                                    });
                                                continue '__dispatch;
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

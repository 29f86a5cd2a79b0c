impl Store for Mem {
    fn get<'life0, 'async_trait>(
        &'life0 self,
        k: usize,
    ) -> ::core::pin::Pin<
        Box<
            dyn ::core::future::Future<
                Output = u32,
            > + ::core::marker::Send + 'async_trait,
        >,
    >
    where
        'life0: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin({
            ::stackless::__private::pin_project! {
                #[project = __GetProject] #[project_replace = __GetReplace]
                #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
                enum __Get < T0, T1, F2, K3 > { Start { __self : T0, k : T1, }, Await0 {
                #[pin] __fut : F2, __trace : K3, __self : T0, }, Running, Done, }
            }
            impl<T0, T1, F2, K3> ::stackless::__private::StateTrace
            for __Get<T0, T1, F2, K3>
            where
                K3: ::stackless::__private::TraceKind<F2>,
            {
                #[allow(unused_variables)]
                fn state_level(&self) -> ::stackless::__private::Level<'_> {
                    static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                        function: "get",
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
                                        <K3 as ::stackless::__private::TraceKind<F2>>::awaited(__f)
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
                __Get::Start { __self: self, k },
                |
                    mut __state,
                    __arg: &mut ::stackless::__private::core::task::Context<'_>|
                {
                    let __ret: u32 = '__body: {
                        '__dispatch: loop {
                            match __state.as_mut().project() {
                                __GetProject::Start { .. } => {
                                    let __GetReplace::Start { __self: __self, k: k } = __state
                                        .as_mut()
                                        .project_replace(__Get::Running) else {
                                        ::stackless::__private::core::unreachable!()
                                    };
                                    {
                                        let __self = __self;
                                        let k = k;
                                        if let ::core::option::Option::Some(__ret) = ::core::option::Option::None::<
                                            u32,
                                        > {
                                            #[allow(unreachable_code)] break '__body __ret;
                                        }
                                        {
                                            {
                                                let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                    ready(k),
                                                );
                                                __state
                                                    .set(__Get::Await0 {
                                                        __trace: {
                                                            use ::stackless::__private::{
                                                                ProbeOpaque as _, ProbeTraced as _,
                                                            };
                                                            (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                        },
                                                        __fut: __f,
                                                        __self: __self,
                                                    });
                                                continue '__dispatch;
                                            };
                                        };
                                    }
                                }
                                __GetProject::Await0 { __fut: __fut, .. } => {
                                    let __ready = match ::stackless::__private::core::future::Future::poll(
                                        __fut,
                                        __arg,
                                    ) {
                                        ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                        ::stackless::__private::core::task::Poll::Pending => {
                                            return ::stackless::__private::Step::Yielded(());
                                        }
                                    };
                                    let __GetReplace::Await0 {
                                        __fut: _,
                                        __trace: _,
                                        __self: __self,
                                    } = __state.as_mut().project_replace(__Get::Running) else {
                                        ::stackless::__private::core::unreachable!()
                                    };
                                    break '__body {
                                        let __self = __self;
                                        let __ret: u32 = {
                                            let k = __ready;
                                            __self.0[k]
                                        };
                                        #[allow(unreachable_code)] __ret
                                    };
                                }
                                __GetProject::Running | __GetProject::Done => {
                                    return ::stackless::__private::Step::stopped(
                                        ::stackless::__private::core::matches!(
                                            * __state, __Get::Running
                                        ),
                                        &[
                                            "coroutine `get` resumed after completion",
                                            "coroutine `get` resumed after panicking",
                                        ],
                                    );
                                }
                            }
                        }
                    };
                    __state.set(__Get::Done);
                    ::stackless::__private::Step::Complete(__ret)
                },
            );
            __machine
        })
    }
}

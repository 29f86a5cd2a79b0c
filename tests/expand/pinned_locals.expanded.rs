fn read_all(src: Reader) -> impl ::core::future::Future<Output = Vec<u8>> {
    if ::stackless::__private::never() {
        ::stackless::__private::check_body::<
            Vec<u8>,
            _,
        >(async move {
            let mut src = src;
            let mut out = Vec::new();
            let mut buf = [0u8; 16];
            loop {
                let n = src.read(&mut buf).await;
                if n == 0 {
                    break;
                }
                out.extend_from_slice(&buf[..n]);
            }
            out
        });
        ::core::unreachable!();
    }
    ::stackless::__private::pin_project! {
        #[project = __ReadAllProject] #[project_replace = __ReadAllReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __ReadAll < T0, F1 > { Start { src : T0, }, Await0 { #[pin] __fut : F1, },
        Running, Done, }
    }
    #[allow(unused_mut)]
    let __machine = ::stackless::__private::framed_future(
        __ReadAll::Start { src },
        ::stackless::__private::Frame::<
            ::stackless::__private::Both<
                (
                    ::stackless::__private::Leaf<_>,
                    ::stackless::__private::Leaf<_>,
                    ::stackless::__private::Leaf<_>,
                ),
                (),
            >,
            ::stackless::__private::Fixed,
        >::new(),
        |mut __state, __frame, __arg: &mut ::core::task::Context<'_>| {
            #[allow(unused_imports)]
            use ::stackless::__private::{ReadCopy as _, ReadMove as _};
            let __ret: Vec<u8> = '__body: {
                '__dispatch: loop {
                    match __state.as_mut().project() {
                        __ReadAllProject::Start { .. } => {
                            let __ReadAllReplace::Start { src: src } = __state
                                .as_mut()
                                .project_replace(__ReadAll::Running) else {
                                ::core::unreachable!()
                            };
                            {
                                let __pin_src_0 = ::stackless::__private::Pinned::init(
                                    __frame.first().at0(),
                                    src,
                                );
                                let __pin_out_1 = ::stackless::__private::PinnedOpt::init(
                                    __frame.first().at1(),
                                    Vec::new(),
                                );
                                let __pin_buf_2 = ::stackless::__private::Pinned::init(
                                    __frame.first().at2(),
                                    [0u8; 16],
                                );
                                {
                                    {
                                        let __f = ::core::future::IntoFuture::into_future(
                                            (*__pin_src_0.__place_mut()).read(__pin_buf_2.__place_mut()),
                                        );
                                        __state.set(__ReadAll::Await0 { __fut: __f });
                                        ::core::mem::forget(__pin_src_0);
                                        ::core::mem::forget(__pin_out_1);
                                        ::core::mem::forget(__pin_buf_2);
                                        continue '__dispatch;
                                    };
                                };
                            }
                        }
                        __ReadAllProject::Await0 { __fut: __fut, .. } => {
                            let __ready = match ::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::core::task::Poll::Ready(__v) => __v,
                                ::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __ReadAllReplace::Await0 { __fut: _ } = __state
                                .as_mut()
                                .project_replace(__ReadAll::Running) else {
                                ::core::unreachable!()
                            };
                            break '__body {
                                let __pin_src_0 = ::stackless::__private::Pinned::resume(
                                    __frame.first().at0(),
                                );
                                let __pin_out_1 = ::stackless::__private::PinnedOpt::resume(
                                    __frame.first().at1(),
                                );
                                let __pin_buf_2 = ::stackless::__private::Pinned::resume(
                                    __frame.first().at2(),
                                );
                                '__exit0: {
                                    {
                                        let n = __ready;
                                        if n == 0 {
                                            break '__exit0;
                                        }
                                        (*__pin_out_1.__place_mut())
                                            .extend_from_slice(&(*__pin_buf_2.__place())[..n]);
                                    }
                                    {
                                        {
                                            let __f = ::core::future::IntoFuture::into_future(
                                                (*__pin_src_0.__place_mut()).read(__pin_buf_2.__place_mut()),
                                            );
                                            __state.set(__ReadAll::Await0 { __fut: __f });
                                            ::core::mem::forget(__pin_src_0);
                                            ::core::mem::forget(__pin_out_1);
                                            ::core::mem::forget(__pin_buf_2);
                                            continue '__dispatch;
                                        };
                                    }
                                };
                                (&__pin_out_1.__by_value()).__stackless_read()
                            };
                        }
                        __ReadAllProject::Running | __ReadAllProject::Done => {
                            return ::stackless::__private::Step::stopped(
                                ::core::matches!(* __state, __ReadAll::Running),
                                "read_all",
                            );
                        }
                    }
                }
            };
            __state.set(__ReadAll::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |mut __state, __frame| {
            #[allow(unused_variables)]
            match __state.as_mut().project_replace(__ReadAll::Done) {
                __ReadAllReplace::Await0 { __fut: _ } => {
                    let __pin_src_0 = ::stackless::__private::Pinned::resume(
                        __frame.first().at0(),
                    );
                    let __pin_out_1 = ::stackless::__private::PinnedOpt::resume(
                        __frame.first().at1(),
                    );
                    let __pin_buf_2 = ::stackless::__private::Pinned::resume(
                        __frame.first().at2(),
                    );
                }
                _ => {}
            }
        },
    );
    __machine
}
fn items() -> impl Iterator<Item = u32> {
    yield_!(@ __stackless_used);
    if ::stackless::__private::never() {
        ::stackless::__private::check_body::<
            (),
            _,
        >(async move {
            let v = vec![1, 2, 3];
            for x in &v {
                {
                    ::stackless::__private::discard::<u32>(*x);
                    ::core::future::pending::<()>().await
                };
            }
        });
        ::core::unreachable!();
    }
    ::stackless::__private::pin_project! {
        #[project_replace = __ItemsReplace] #[allow(dead_code, non_camel_case_types,
        clippy::large_enum_variant)] enum __Items { Start, Yield0, Running, Done, }
    }
    #[allow(unused_mut)]
    let __machine = ::stackless::__private::framed_generator(
        __Items::Start {},
        ::stackless::__private::Frame::<
            ::stackless::__private::Both<
                (::stackless::__private::Leaf<_>,),
                ::stackless::__private::Either<
                    ::stackless::__private::Both<(::stackless::__private::Leaf<_>,), ()>,
                    (),
                >,
            >,
            ::stackless::__private::Fixed,
        >::new(),
        |mut __state, __frame, __arg: ()| {
            let __ret: () = {
                match __state.as_mut().project_replace(__Items::Running) {
                    __ItemsReplace::Start => {
                        ::stackless::__private::discard(__arg);
                        {
                            let __pin_v_0 = ::stackless::__private::Pinned::init(
                                __frame.first().at0(),
                                vec![1, 2, 3],
                            );
                            {
                                let __pin___iter1_1 = ::stackless::__private::Pinned::init(
                                    __frame.second().left().first().at0(),
                                    ::core::iter::IntoIterator::into_iter(__pin_v_0.__place()),
                                );
                                '__loop0: {
                                    match ::core::iter::Iterator::next(
                                        __pin___iter1_1.__place_mut(),
                                    ) {
                                        ::core::option::Option::None => {
                                            break '__loop0;
                                        }
                                        ::core::option::Option::Some(x) => {
                                            {
                                                let __y: u32 = *x;
                                                __state.set(__Items::Yield0);
                                                ::core::mem::forget(__pin_v_0);
                                                ::core::mem::forget(__pin___iter1_1);
                                                return ::stackless::__private::Step::Yielded(__y);
                                            };
                                        }
                                    };
                                }
                            }
                        }
                    }
                    __ItemsReplace::Yield0 => {
                        let __pin_v_0 = ::stackless::__private::Pinned::resume(
                            __frame.first().at0(),
                        );
                        {
                            let __pin___iter1_1 = ::stackless::__private::Pinned::resume(
                                __frame.second().left().first().at0(),
                            );
                            {
                                {
                                    {
                                        ::stackless::__private::discard(__arg);
                                    }
                                }
                                '__loop0: {
                                    match ::core::iter::Iterator::next(
                                        __pin___iter1_1.__place_mut(),
                                    ) {
                                        ::core::option::Option::None => {
                                            break '__loop0;
                                        }
                                        ::core::option::Option::Some(x) => {
                                            {
                                                let __y: u32 = *x;
                                                __state.set(__Items::Yield0);
                                                ::core::mem::forget(__pin_v_0);
                                                ::core::mem::forget(__pin___iter1_1);
                                                return ::stackless::__private::Step::Yielded(__y);
                                            };
                                        }
                                    };
                                }
                            }
                        }
                    }
                    __ItemsReplace::Running => {
                        return ::stackless::__private::Step::Poisoned("items");
                    }
                    __ItemsReplace::Done => {
                        __state.set(__Items::Done);
                        return ::stackless::__private::Step::Done("items");
                    }
                }
            };
            __state.set(__Items::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |mut __state, __frame| {
            #[allow(unused_variables)]
            match __state.as_mut().project_replace(__Items::Done) {
                __ItemsReplace::Yield0 => {
                    let __pin_v_0 = ::stackless::__private::Pinned::resume(
                        __frame.first().at0(),
                    );
                    let __pin___iter1_1 = ::stackless::__private::Pinned::resume(
                        __frame.second().left().first().at0(),
                    );
                }
                _ => {}
            }
        },
    );
    ::stackless::__private::boxed(__machine)
}

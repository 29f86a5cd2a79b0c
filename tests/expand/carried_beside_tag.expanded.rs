#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn fill_twice<'__life0>(
    src: &'__life0 mut Src,
) -> impl ::stackless::__private::core::future::Future<
    Output = u32,
> + ::stackless::__private::Captures<(&'__life0 (),)> + ::stackless::__private::Trace {
    let __witness = ::stackless::__private::Witness::<(), (), u32>::new();
    if false {
        #[allow(clippy::async_yields_async)]
        __witness
            .body(async move {
                let src = src;
                let __r: u32 = {
                    let mut buf = [0u8; 4];
                    let mut count = 0u32;
                    count += src.read(&mut buf).await as u32;
                    count += src.read(&mut buf).await as u32;
                    count + buf[0] as u32
                };
                #[allow(unreachable_code)]
                let __r = __r;
                __r
            });
        ::stackless::__private::core::unreachable!();
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __FillTwice<F1, K2, T3, F4, K5> {
        Start,
        Await0 { __fut: F1, __trace: K2, count: T3 },
        Await1 { __fut: F4, __trace: K5, count: T3 },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __FillTwiceProject<'__a, F1, K2, T3, F4, K5> {
        Start,
        Await0 {
            __fut: ::stackless::__private::core::pin::Pin<&'__a mut F1>,
            __trace: &'__a mut K2,
            count: &'__a mut T3,
        },
        Await1 {
            __fut: ::stackless::__private::core::pin::Pin<&'__a mut F4>,
            __trace: &'__a mut K5,
            count: &'__a mut T3,
        },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __FillTwiceReplace<F1, K2, T3, F4, K5> {
        Start,
        Await0 {
            __fut: ::stackless::__private::core::marker::PhantomData<F1>,
            __trace: K2,
            count: T3,
        },
        Await1 {
            __fut: ::stackless::__private::core::marker::PhantomData<F4>,
            __trace: K5,
            count: T3,
        },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __FillTwiceTake<'__a, F1, K2, T3, F4, K5> {
        Start,
        Await0 {
            __fut: ::stackless::__private::DropInPlace<'__a, F1>,
            __trace: K2,
            count: T3,
        },
        Await1 {
            __fut: ::stackless::__private::DropInPlace<'__a, F4>,
            __trace: K5,
            count: T3,
        },
        Running,
        Done,
        __Borrow(::stackless::__private::core::marker::PhantomData<&'__a ()>),
    }
    #[allow(dead_code, non_camel_case_types)]
    #[derive(
        ::stackless::__private::core::clone::Clone,
        ::stackless::__private::core::marker::Copy
    )]
    enum __FillTwiceTag {
        Start,
        Await0,
        Await1,
        Running,
        Done,
    }
    #[allow(dead_code, non_snake_case)]
    union __FillTwiceVars<F1, K2, F4, K5> {
        __none: (),
        Await0: ::stackless::__private::core::mem::ManuallyDrop<(F1, K2)>,
        Await1: ::stackless::__private::core::mem::ManuallyDrop<(F4, K5)>,
    }
    impl<F1, K2, F4, K5> ::stackless::__private::core::marker::Unpin
    for __FillTwiceVars<F1, K2, F4, K5>
    where
        F1: ::stackless::__private::core::marker::Unpin,
        F4: ::stackless::__private::core::marker::Unpin,
    {}
    #[allow(dead_code)]
    trait __FillTwiceStep<'__a, F1, K2, T3, F4, K5> {
        fn project(self) -> __FillTwiceProject<'__a, F1, K2, T3, F4, K5>;
        fn project_replace(
            self,
            __new: __FillTwice<F1, K2, T3, F4, K5>,
        ) -> __FillTwiceReplace<F1, K2, T3, F4, K5>;
        fn set(&mut self, __new: __FillTwice<F1, K2, T3, F4, K5>);
        fn running(&self) -> bool;
        fn take(
            self,
            __new: __FillTwice<F1, K2, T3, F4, K5>,
        ) -> __FillTwiceTake<'__a, F1, K2, T3, F4, K5>;
        /// Writes a new value. Safety: the state holds nothing (its tag says `Running`).
        unsafe fn put(&mut self, __new: __FillTwice<F1, K2, T3, F4, K5>);
    }
    #[allow(unused_variables)]
    impl<
        '__a,
        F1,
        K2,
        T3,
        F4,
        K5,
        __N0_,
        __N1_,
        __K_,
    > __FillTwiceStep<'__a, F1, K2, T3, F4, K5>
    for ::stackless::__private::State<
        '__a,
        ::stackless::__private::Head3<
            __N0_,
            __N1_,
            ::stackless::__private::Leaf<T3>,
            __K_,
            __FillTwiceTag,
            __FillTwiceVars<F1, K2, F4, K5>,
        >,
    > {
        #[inline(always)]
        fn project(self) -> __FillTwiceProject<'__a, F1, K2, T3, F4, K5> {
            let (__vars, __h) = (self.vars(), self.head());
            unsafe {
                match self.tag() {
                    __FillTwiceTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        __FillTwiceProject::Await0 {
                            __fut: ::stackless::__private::core::pin::Pin::new_unchecked(
                                &mut *&mut __v.0,
                            ),
                            __trace: &mut *&mut __v.1,
                            count: &mut *__h.at2().as_ptr(),
                        }
                    }
                    __FillTwiceTag::Await1 => {
                        let __v = &mut *(*__vars).Await1;
                        __FillTwiceProject::Await1 {
                            __fut: ::stackless::__private::core::pin::Pin::new_unchecked(
                                &mut *&mut __v.0,
                            ),
                            __trace: &mut *&mut __v.1,
                            count: &mut *__h.at2().as_ptr(),
                        }
                    }
                    __FillTwiceTag::Start => __FillTwiceProject::Start,
                    __FillTwiceTag::Running => __FillTwiceProject::Running,
                    __FillTwiceTag::Done => __FillTwiceProject::Done,
                }
            }
        }
        #[inline(always)]
        fn project_replace(
            mut self,
            __new: __FillTwice<F1, K2, T3, F4, K5>,
        ) -> __FillTwiceReplace<F1, K2, T3, F4, K5> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__FillTwiceTag::Running);
                match __old {
                    __FillTwiceTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        let __out = __FillTwiceReplace::Await0 {
                            __fut: ::stackless::__private::core::marker::PhantomData,
                            __trace: ::stackless::__private::core::ptr::read(&mut __v.1),
                            count: ::stackless::__private::core::ptr::read(
                                __h.at2().as_ptr(),
                            ),
                        };
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                        __out
                    }
                    __FillTwiceTag::Await1 => {
                        let __v = &mut *(*__vars).Await1;
                        let __out = __FillTwiceReplace::Await1 {
                            __fut: ::stackless::__private::core::marker::PhantomData,
                            __trace: ::stackless::__private::core::ptr::read(&mut __v.1),
                            count: ::stackless::__private::core::ptr::read(
                                __h.at2().as_ptr(),
                            ),
                        };
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                        __out
                    }
                    __FillTwiceTag::Start => __FillTwiceReplace::Start,
                    __FillTwiceTag::Running => __FillTwiceReplace::Running,
                    __FillTwiceTag::Done => __FillTwiceReplace::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        fn set(&mut self, __new: __FillTwice<F1, K2, T3, F4, K5>) {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            unsafe {
                self.set_tag(__FillTwiceTag::Running);
                match __old {
                    __FillTwiceTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.1);
                        ::stackless::__private::core::ptr::drop_in_place(
                            __h.at2().as_ptr(),
                        );
                    }
                    __FillTwiceTag::Await1 => {
                        let __v = &mut *(*__vars).Await1;
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.1);
                        ::stackless::__private::core::ptr::drop_in_place(
                            __h.at2().as_ptr(),
                        );
                    }
                    _ => {}
                }
                self.put(__new);
            }
        }
        #[inline(always)]
        fn running(&self) -> bool {
            ::stackless::__private::core::matches!(self.tag(), __FillTwiceTag::Running)
        }
        /// As `project_replace`, but the pinned fields are handed over as guards that
        /// drop them where they are, when the caller is ready (the machine's `Drop`, and
        /// a resumed await, once the locals the future borrowed have owners again). The
        /// new value has no fields (`Running`, `Done`): the guards' fields stay put.
        #[inline(always)]
        fn take(
            mut self,
            __new: __FillTwice<F1, K2, T3, F4, K5>,
        ) -> __FillTwiceTake<'__a, F1, K2, T3, F4, K5> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__FillTwiceTag::Running);
                match __old {
                    __FillTwiceTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        __FillTwiceTake::Await0 {
                            __fut: ::stackless::__private::DropInPlace::new(&mut __v.0),
                            __trace: ::stackless::__private::core::ptr::read(&mut __v.1),
                            count: ::stackless::__private::core::ptr::read(
                                __h.at2().as_ptr(),
                            ),
                        }
                    }
                    __FillTwiceTag::Await1 => {
                        let __v = &mut *(*__vars).Await1;
                        __FillTwiceTake::Await1 {
                            __fut: ::stackless::__private::DropInPlace::new(&mut __v.0),
                            __trace: ::stackless::__private::core::ptr::read(&mut __v.1),
                            count: ::stackless::__private::core::ptr::read(
                                __h.at2().as_ptr(),
                            ),
                        }
                    }
                    __FillTwiceTag::Start => __FillTwiceTake::Start,
                    __FillTwiceTag::Running => __FillTwiceTake::Running,
                    __FillTwiceTag::Done => __FillTwiceTake::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        unsafe fn put(&mut self, __new: __FillTwice<F1, K2, T3, F4, K5>) {
            unsafe {
                let (__vars, __h) = (self.vars(), self.head());
                let __new = match __new {
                    __FillTwice::Await0 { __fut, __trace, count } => {
                        (*__vars).Await0 = ::stackless::__private::core::mem::ManuallyDrop::new((
                            __fut,
                            __trace,
                        ));
                        ::stackless::__private::core::ptr::write(
                            __h.at2().as_ptr(),
                            count,
                        );
                        __FillTwiceTag::Await0
                    }
                    __FillTwice::Await1 { __fut, __trace, count } => {
                        (*__vars).Await1 = ::stackless::__private::core::mem::ManuallyDrop::new((
                            __fut,
                            __trace,
                        ));
                        ::stackless::__private::core::ptr::write(
                            __h.at2().as_ptr(),
                            count,
                        );
                        __FillTwiceTag::Await1
                    }
                    __FillTwice::Start => __FillTwiceTag::Start,
                    __FillTwice::Running => __FillTwiceTag::Running,
                    __FillTwice::Done => __FillTwiceTag::Done,
                };
                self.set_tag(__new);
            }
        }
    }
    impl<F1, K2, F4, K5> ::stackless::__private::VarsTrace<__FillTwiceTag>
    for __FillTwiceVars<F1, K2, F4, K5>
    where
        K2: ::stackless::__private::TraceKind<F1>,
        K5: ::stackless::__private::TraceKind<F4>,
    {
        #[allow(unused_variables)]
        unsafe fn vars_level(
            &self,
            __tag: __FillTwiceTag,
        ) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "fill_twice",
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
            unsafe {
                match __tag {
                    __FillTwiceTag::Start => __POINTS.not_started(),
                    __FillTwiceTag::Await0 => {
                        let __f = &(*self.Await0).0;
                        __POINTS
                            .awaiting(
                                0usize,
                                unsafe {
                                    <K2 as ::stackless::__private::TraceKind<F1>>::awaited(__f)
                                },
                            )
                    }
                    __FillTwiceTag::Await1 => {
                        let __f = &(*self.Await1).0;
                        __POINTS
                            .awaiting(
                                1usize,
                                unsafe {
                                    <K5 as ::stackless::__private::TraceKind<F4>>::awaited(__f)
                                },
                            )
                    }
                    __FillTwiceTag::Running => __POINTS.panicked(),
                    __FillTwiceTag::Done => __POINTS.done(),
                }
            }
        }
    }
    #[allow(unused_mut, unused_unsafe, unknown_lints, dangerous_implicit_autorefs)]
    let __machine = ::stackless::__private::framed_future(
        ::stackless::__private::Frame::<
            ::stackless::__private::Head3<
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<_>,
                (),
                _,
                _,
            >,
            ::stackless::__private::Fixed,
        >::with_state(__FillTwiceTag::Start, __FillTwiceVars { __none: () })
            .set0(src),
        |__frame, __arg: &mut ::stackless::__private::core::task::Context<'_>| {
            let mut __state = unsafe { __frame.state() };
            let __ret: u32 = '__body: {
                '__dispatch: loop {
                    match __state.as_mut().project() {
                        __FillTwiceProject::Start { .. } => {
                            let __FillTwiceReplace::Start = __state
                                .as_mut()
                                .project_replace(__FillTwice::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let __pin_src_0 = unsafe {
                                    ::stackless::__private::Pinned::resume(__frame.at0())
                                };
                                {
                                    let __pin_buf_1 = ::stackless::__private::Pinned::init(
                                        unsafe {
                                            ::stackless::__private::Pinned::vacant(__frame.at1())
                                        },
                                        [0u8; 4],
                                    );
                                    let mut count = 0u32;
                                    {
                                        {
                                            let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                (**unsafe {
                                                    ::stackless::__private::Place::reach(
                                                        &mut __pin_src_0.__place_auto(),
                                                    )
                                                })
                                                    .read(unsafe { __pin_buf_1.__place_mut() }),
                                            );
                                            __state
                                                .set(__FillTwice::Await0 {
                                                    __trace: {
                                                        use ::stackless::__private::{
                                                            ProbeOpaque as _, ProbeTraced as _,
                                                        };
                                                        (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                    },
                                                    __fut: __f,
                                                    count: count,
                                                });
                                            ::stackless::__private::core::mem::forget(__pin_src_0);
                                            ::stackless::__private::core::mem::forget(__pin_buf_1);
                                            continue '__dispatch;
                                        };
                                    };
                                };
                            }
                        }
                        __FillTwiceProject::Await0 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __FillTwiceTake::Await0 {
                                __fut: __fut,
                                __trace: _,
                                count: count,
                            } = __state.as_mut().take(__FillTwice::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let __pin_src_0 = unsafe {
                                    ::stackless::__private::Pinned::resume(__frame.at0())
                                };
                                {
                                    let __pin_buf_1 = unsafe {
                                        ::stackless::__private::Pinned::resume(__frame.at1())
                                    };
                                    let mut count = count;
                                    {
                                        let mut __t0 = {
                                            ::stackless::__private::core::mem::drop(__fut);
                                            __ready
                                        };
                                        count += __t0 as u32;
                                    };
                                    {
                                        {
                                            let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                (**unsafe {
                                                    ::stackless::__private::Place::reach(
                                                        &mut __pin_src_0.__place_auto(),
                                                    )
                                                })
                                                    .read(unsafe { __pin_buf_1.__place_mut() }),
                                            );
                                            __state
                                                .set(__FillTwice::Await1 {
                                                    __trace: {
                                                        use ::stackless::__private::{
                                                            ProbeOpaque as _, ProbeTraced as _,
                                                        };
                                                        (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                    },
                                                    __fut: __f,
                                                    count: count,
                                                });
                                            ::stackless::__private::core::mem::forget(__pin_src_0);
                                            ::stackless::__private::core::mem::forget(__pin_buf_1);
                                            continue '__dispatch;
                                        };
                                    };
                                };
                            }
                        }
                        __FillTwiceProject::Await1 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __FillTwiceTake::Await1 {
                                __fut: __fut,
                                __trace: _,
                                count: count,
                            } = __state.as_mut().take(__FillTwice::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            break '__body {
                                let __pin_src_0 = unsafe {
                                    ::stackless::__private::Pinned::resume(__frame.at0())
                                };
                                let __value: u32 = {
                                    let __pin_buf_1 = unsafe {
                                        ::stackless::__private::Pinned::resume(__frame.at1())
                                    };
                                    let mut count = count;
                                    {
                                        let mut __t1 = {
                                            ::stackless::__private::core::mem::drop(__fut);
                                            __ready
                                        };
                                        count += __t1 as u32;
                                    };
                                    count + (*unsafe { __pin_buf_1.__place() })[0] as u32
                                };
                                __value
                            };
                        }
                        __FillTwiceProject::Running | __FillTwiceProject::Done => {
                            return ::stackless::__private::Step::stopped(
                                __FillTwiceStep::running(&__state),
                                &[
                                    "coroutine `fill_twice` resumed after completion",
                                    "coroutine `fill_twice` resumed after panicking",
                                ],
                            );
                        }
                    }
                }
            };
            __state.set(__FillTwice::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |__frame| {
            let mut __state = unsafe { __frame.state() };
            #[allow(unused_variables)]
            match __state.as_mut().take(__FillTwice::Done) {
                __FillTwiceTake::Start => {
                    let __pin_src_0 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
                    };
                }
                __FillTwiceTake::Await0 { __fut: __fut, __trace: _, count: count } => {
                    let __pin_src_0 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
                    };
                    let __pin_buf_1 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at1())
                    };
                    let count = count;
                    let __fut = __fut;
                }
                __FillTwiceTake::Await1 { __fut: __fut, __trace: _, count: count } => {
                    let __pin_src_0 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
                    };
                    let __pin_buf_1 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at1())
                    };
                    let count = count;
                    let __fut = __fut;
                }
                _ => {}
            };
        },
    );
    __witness.outputs(&__machine);
    __machine
}

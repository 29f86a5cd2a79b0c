#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn read_all(
    src: Reader,
) -> impl ::stackless::__private::core::future::Future<
    Output = Vec<u8>,
> + ::stackless::__private::Trace {
    let __witness = ::stackless::__private::Witness::<(), (), Vec<u8>>::new();
    if false {
        #[allow(clippy::async_yields_async)]
        __witness
            .body(async move {
                let mut src = src;
                let __r: Vec<u8> = {
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
                };
                #[allow(unreachable_code)]
                let __r = __r;
                __r
            });
        ::stackless::__private::core::unreachable!();
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ReadAll<F1, K2> {
        Start,
        Await0 { __fut: F1, __trace: K2 },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ReadAllProject<'__a, F1, K2> {
        Start,
        Await0 {
            __fut: ::stackless::__private::core::pin::Pin<&'__a mut F1>,
            __trace: &'__a mut K2,
        },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ReadAllReplace<F1, K2> {
        Start,
        Await0 {
            __fut: ::stackless::__private::core::marker::PhantomData<F1>,
            __trace: K2,
        },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ReadAllTake<'__a, F1, K2> {
        Start,
        Await0 { __fut: ::stackless::__private::DropInPlace<'__a, F1>, __trace: K2 },
        Running,
        Done,
        __Borrow(::stackless::__private::core::marker::PhantomData<&'__a ()>),
    }
    #[allow(dead_code, non_camel_case_types)]
    #[derive(
        ::stackless::__private::core::clone::Clone,
        ::stackless::__private::core::marker::Copy
    )]
    enum __ReadAllTag {
        Start,
        Await0,
        Running,
        Done,
    }
    #[allow(dead_code, non_snake_case)]
    union __ReadAllVars<F1, K2> {
        __none: (),
        Await0: ::stackless::__private::core::mem::ManuallyDrop<(F1, K2)>,
    }
    impl<F1, K2> ::stackless::__private::core::marker::Unpin for __ReadAllVars<F1, K2>
    where
        F1: ::stackless::__private::core::marker::Unpin,
    {}
    #[allow(dead_code)]
    trait __ReadAllStep<'__a, F1, K2> {
        fn project(self) -> __ReadAllProject<'__a, F1, K2>;
        fn project_replace(self, __new: __ReadAll<F1, K2>) -> __ReadAllReplace<F1, K2>;
        fn set(&mut self, __new: __ReadAll<F1, K2>);
        fn running(&self) -> bool;
        fn take(self, __new: __ReadAll<F1, K2>) -> __ReadAllTake<'__a, F1, K2>;
        /// Writes a new value. Safety: the state holds nothing (its tag says `Running`).
        unsafe fn put(&mut self, __new: __ReadAll<F1, K2>);
    }
    #[allow(unused_variables)]
    impl<'__a, F1, K2, __N0_, __N1_, __N2_, __N3_, __K_> __ReadAllStep<'__a, F1, K2>
    for ::stackless::__private::State<
        '__a,
        ::stackless::__private::Head4<
            __N0_,
            __N1_,
            __N2_,
            __N3_,
            __K_,
            __ReadAllTag,
            __ReadAllVars<F1, K2>,
        >,
    > {
        #[inline(always)]
        fn project(self) -> __ReadAllProject<'__a, F1, K2> {
            let (__vars, __h) = (self.vars(), self.head());
            unsafe {
                match self.tag() {
                    __ReadAllTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        __ReadAllProject::Await0 {
                            __fut: ::stackless::__private::core::pin::Pin::new_unchecked(
                                &mut *&mut __v.0,
                            ),
                            __trace: &mut *&mut __v.1,
                        }
                    }
                    __ReadAllTag::Start => __ReadAllProject::Start,
                    __ReadAllTag::Running => __ReadAllProject::Running,
                    __ReadAllTag::Done => __ReadAllProject::Done,
                }
            }
        }
        #[inline(always)]
        fn project_replace(
            mut self,
            __new: __ReadAll<F1, K2>,
        ) -> __ReadAllReplace<F1, K2> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__ReadAllTag::Running);
                match __old {
                    __ReadAllTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        let __out = __ReadAllReplace::Await0 {
                            __fut: ::stackless::__private::core::marker::PhantomData,
                            __trace: ::stackless::__private::core::ptr::read(&mut __v.1),
                        };
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                        __out
                    }
                    __ReadAllTag::Start => __ReadAllReplace::Start,
                    __ReadAllTag::Running => __ReadAllReplace::Running,
                    __ReadAllTag::Done => __ReadAllReplace::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        fn set(&mut self, __new: __ReadAll<F1, K2>) {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            unsafe {
                self.set_tag(__ReadAllTag::Running);
                match __old {
                    __ReadAllTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.1);
                    }
                    _ => {}
                }
                self.put(__new);
            }
        }
        #[inline(always)]
        fn running(&self) -> bool {
            ::stackless::__private::core::matches!(self.tag(), __ReadAllTag::Running)
        }
        /// As `project_replace`, but the pinned fields are handed over as guards that
        /// drop them where they are, when the caller is ready (the machine's `Drop`, and
        /// a resumed await, once the locals the future borrowed have owners again). The
        /// new value has no fields (`Running`, `Done`): the guards' fields stay put.
        #[inline(always)]
        fn take(mut self, __new: __ReadAll<F1, K2>) -> __ReadAllTake<'__a, F1, K2> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__ReadAllTag::Running);
                match __old {
                    __ReadAllTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        __ReadAllTake::Await0 {
                            __fut: ::stackless::__private::DropInPlace::new(&mut __v.0),
                            __trace: ::stackless::__private::core::ptr::read(&mut __v.1),
                        }
                    }
                    __ReadAllTag::Start => __ReadAllTake::Start,
                    __ReadAllTag::Running => __ReadAllTake::Running,
                    __ReadAllTag::Done => __ReadAllTake::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        unsafe fn put(&mut self, __new: __ReadAll<F1, K2>) {
            unsafe {
                let (__vars, __h) = (self.vars(), self.head());
                let __new = match __new {
                    __ReadAll::Await0 { __fut, __trace } => {
                        (*__vars).Await0 = ::stackless::__private::core::mem::ManuallyDrop::new((
                            __fut,
                            __trace,
                        ));
                        __ReadAllTag::Await0
                    }
                    __ReadAll::Start => __ReadAllTag::Start,
                    __ReadAll::Running => __ReadAllTag::Running,
                    __ReadAll::Done => __ReadAllTag::Done,
                };
                self.set_tag(__new);
            }
        }
    }
    impl<F1, K2> ::stackless::__private::VarsTrace<__ReadAllTag>
    for __ReadAllVars<F1, K2>
    where
        K2: ::stackless::__private::TraceKind<F1>,
    {
        #[allow(unused_variables)]
        unsafe fn vars_level(
            &self,
            __tag: __ReadAllTag,
        ) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "read_all",
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
            unsafe {
                match __tag {
                    __ReadAllTag::Start => __POINTS.not_started(),
                    __ReadAllTag::Await0 => {
                        let __f = &(*self.Await0).0;
                        __POINTS
                            .awaiting(
                                0usize,
                                unsafe {
                                    <K2 as ::stackless::__private::TraceKind<F1>>::awaited(__f)
                                },
                            )
                    }
                    __ReadAllTag::Running => __POINTS.panicked(),
                    __ReadAllTag::Done => __POINTS.done(),
                }
            }
        }
    }
    #[allow(unused_mut, unused_unsafe, unknown_lints, dangerous_implicit_autorefs)]
    let __machine = ::stackless::__private::framed_future(
        ::stackless::__private::Frame::<
            ::stackless::__private::Head4<
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<[bool; 1]>,
                (),
                _,
                _,
            >,
            ::stackless::__private::Fixed,
        >::with_state(__ReadAllTag::Start, __ReadAllVars { __none: () })
            .set0(src),
        |__frame, __arg: &mut ::stackless::__private::core::task::Context<'_>| {
            let mut __state = unsafe { __frame.state() };
            #[allow(unused_imports)]
            use ::stackless::__private::{
                CaptureCopy as _, CaptureMove as _, ReadCopy as _, ReadMove as _,
            };
            let __ret: Vec<u8> = '__body: {
                '__dispatch: loop {
                    match __state.as_mut().project() {
                        __ReadAllProject::Start { .. } => {
                            let __ReadAllReplace::Start = __state
                                .as_mut()
                                .project_replace(__ReadAll::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let __pin_src_0 = unsafe {
                                    ::stackless::__private::Pinned::resume(__frame.at0())
                                };
                                let __pin_out_1 = ::stackless::__private::PinnedOpt::init(
                                    unsafe {
                                        ::stackless::__private::PinnedOpt::vacant(
                                            __frame.at1(),
                                            __frame.at3().flag(0),
                                        )
                                    },
                                    Vec::new(),
                                );
                                let __pin_buf_2 = ::stackless::__private::Pinned::init(
                                    unsafe {
                                        ::stackless::__private::Pinned::vacant(__frame.at2())
                                    },
                                    [0u8; 16],
                                );
                                {
                                    {
                                        let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                            (**unsafe {
                                                ::stackless::__private::Place::reach(
                                                    &mut __pin_src_0.__place_auto(),
                                                )
                                            })
                                                .read(unsafe { __pin_buf_2.__place_mut() }),
                                        );
                                        __state
                                            .set(__ReadAll::Await0 {
                                                __trace: ::stackless::__private::core::default::Default::default(),
                                                __fut: __f,
                                            });
                                        ::stackless::__private::core::mem::forget(__pin_src_0);
                                        ::stackless::__private::core::mem::forget(__pin_out_1);
                                        ::stackless::__private::core::mem::forget(__pin_buf_2);
                                        continue '__dispatch;
                                    };
                                };
                            }
                        }
                        __ReadAllProject::Await0 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __ReadAllTake::Await0 { __fut: __fut, __trace: _ } = __state
                                .as_mut()
                                .take(__ReadAll::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            break '__body {
                                let __pin_src_0 = unsafe {
                                    ::stackless::__private::Pinned::resume(__frame.at0())
                                };
                                let __pin_out_1 = unsafe {
                                    ::stackless::__private::PinnedOpt::resume(
                                        __frame.at1(),
                                        __frame.at3().flag(0),
                                    )
                                };
                                let __pin_buf_2 = unsafe {
                                    ::stackless::__private::Pinned::resume(__frame.at2())
                                };
                                '__exit0: {
                                    {
                                        let n = {
                                            ::stackless::__private::core::mem::drop(__fut);
                                            __ready
                                        };
                                        if n == 0 {
                                            break '__exit0;
                                        }
                                        (**unsafe {
                                            ::stackless::__private::Place::reach(
                                                &mut __pin_out_1.__place_auto(),
                                            )
                                        })
                                            .extend_from_slice(
                                                &(*unsafe { __pin_buf_2.__place() })[..n],
                                            );
                                    }
                                    {
                                        {
                                            let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                (**unsafe {
                                                    ::stackless::__private::Place::reach(
                                                        &mut __pin_src_0.__place_auto(),
                                                    )
                                                })
                                                    .read(unsafe { __pin_buf_2.__place_mut() }),
                                            );
                                            __state
                                                .set(__ReadAll::Await0 {
                                                    __trace: {
                                                        use ::stackless::__private::{
                                                            ProbeOpaque as _, ProbeTraced as _,
                                                        };
                                                        (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                    },
                                                    __fut: __f,
                                                });
                                            ::stackless::__private::core::mem::forget(__pin_src_0);
                                            ::stackless::__private::core::mem::forget(__pin_out_1);
                                            ::stackless::__private::core::mem::forget(__pin_buf_2);
                                            continue '__dispatch;
                                        };
                                    }
                                };
                                (&unsafe { __pin_out_1.__by_value() }).__stackless_read()
                            };
                        }
                        __ReadAllProject::Running | __ReadAllProject::Done => {
                            return ::stackless::__private::Step::stopped(
                                __ReadAllStep::running(&__state),
                                &[
                                    "coroutine `read_all` resumed after completion",
                                    "coroutine `read_all` resumed after panicking",
                                ],
                            );
                        }
                    }
                }
            };
            __state.set(__ReadAll::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |__frame| {
            let mut __state = unsafe { __frame.state() };
            #[allow(unused_variables)]
            match __state.as_mut().take(__ReadAll::Done) {
                __ReadAllTake::Start => {
                    let __pin_src_0 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
                    };
                }
                __ReadAllTake::Await0 { __fut: __fut, __trace: _ } => {
                    let __pin_src_0 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
                    };
                    let __pin_out_1 = unsafe {
                        ::stackless::__private::PinnedOpt::resume(
                            __frame.at1(),
                            __frame.at3().flag(0),
                        )
                    };
                    let __pin_buf_2 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at2())
                    };
                    let __fut = __fut;
                }
                _ => {}
            };
        },
    );
    __witness.outputs(&__machine);
    __machine
}
#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn items() -> impl Iterator<Item = u32> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    let __witness = ::stackless::__private::Witness::<(), u32, ()>::new();
    if false {
        #[allow(clippy::async_yields_async)]
        __witness
            .body(async move {
                let __r: () = {
                    let v = vec![1, 2, 3];
                    for x in &v {
                        {
                            __witness.yielded(::stackless::__private::expect::<u32>(*x));
                            __witness.resume().await
                        };
                    }
                };
                #[allow(unreachable_code)]
                let __r = __r;
                __r
            });
        ::stackless::__private::core::unreachable!();
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Items {
        Start,
        Yield0,
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ItemsProject<'__a> {
        Start,
        Yield0,
        Running,
        Done,
        __Borrow(::stackless::__private::core::marker::PhantomData<&'__a ()>),
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ItemsReplace {
        Start,
        Yield0,
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ItemsTake<'__a> {
        Start,
        Yield0,
        Running,
        Done,
        __Borrow(::stackless::__private::core::marker::PhantomData<&'__a ()>),
    }
    #[allow(dead_code, non_camel_case_types)]
    #[derive(
        ::stackless::__private::core::clone::Clone,
        ::stackless::__private::core::marker::Copy
    )]
    enum __ItemsTag {
        Start,
        Yield0,
        Running,
        Done,
    }
    #[allow(dead_code, non_snake_case)]
    union __ItemsVars {
        __none: (),
    }
    impl ::stackless::__private::core::marker::Unpin for __ItemsVars {}
    #[allow(dead_code)]
    trait __ItemsStep<'__a> {
        fn project(self) -> __ItemsProject<'__a>;
        fn project_replace(self, __new: __Items) -> __ItemsReplace;
        fn set(&mut self, __new: __Items);
        fn running(&self) -> bool;
        fn take(self, __new: __Items) -> __ItemsTake<'__a>;
        /// Writes a new value. Safety: the state holds nothing (its tag says `Running`).
        unsafe fn put(&mut self, __new: __Items);
    }
    #[allow(unused_variables)]
    impl<'__a, __N0_, __N1_, __K_> __ItemsStep<'__a>
    for ::stackless::__private::State<
        '__a,
        ::stackless::__private::Head2<__N0_, __N1_, __K_, __ItemsTag, __ItemsVars>,
    > {
        #[inline(always)]
        fn project(self) -> __ItemsProject<'__a> {
            let (__vars, __h) = (self.vars(), self.head());
            unsafe {
                match self.tag() {
                    __ItemsTag::Start => __ItemsProject::Start,
                    __ItemsTag::Yield0 => __ItemsProject::Yield0,
                    __ItemsTag::Running => __ItemsProject::Running,
                    __ItemsTag::Done => __ItemsProject::Done,
                }
            }
        }
        #[inline(always)]
        fn project_replace(mut self, __new: __Items) -> __ItemsReplace {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__ItemsTag::Running);
                match __old {
                    __ItemsTag::Start => __ItemsReplace::Start,
                    __ItemsTag::Yield0 => __ItemsReplace::Yield0,
                    __ItemsTag::Running => __ItemsReplace::Running,
                    __ItemsTag::Done => __ItemsReplace::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        fn set(&mut self, __new: __Items) {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            unsafe {
                self.set_tag(__ItemsTag::Running);
                match __old {
                    _ => {}
                }
                self.put(__new);
            }
        }
        #[inline(always)]
        fn running(&self) -> bool {
            ::stackless::__private::core::matches!(self.tag(), __ItemsTag::Running)
        }
        /// As `project_replace`, but the pinned fields are handed over as guards that
        /// drop them where they are, when the caller is ready (the machine's `Drop`, and
        /// a resumed await, once the locals the future borrowed have owners again). The
        /// new value has no fields (`Running`, `Done`): the guards' fields stay put.
        #[inline(always)]
        fn take(mut self, __new: __Items) -> __ItemsTake<'__a> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__ItemsTag::Running);
                match __old {
                    __ItemsTag::Start => __ItemsTake::Start,
                    __ItemsTag::Yield0 => __ItemsTake::Yield0,
                    __ItemsTag::Running => __ItemsTake::Running,
                    __ItemsTag::Done => __ItemsTake::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        unsafe fn put(&mut self, __new: __Items) {
            unsafe {
                let (__vars, __h) = (self.vars(), self.head());
                let __new = match __new {
                    __Items::Start => __ItemsTag::Start,
                    __Items::Yield0 => __ItemsTag::Yield0,
                    __Items::Running => __ItemsTag::Running,
                    __Items::Done => __ItemsTag::Done,
                };
                self.set_tag(__new);
            }
        }
    }
    impl ::stackless::__private::VarsTrace<__ItemsTag> for __ItemsVars {
        #[allow(unused_variables)]
        unsafe fn vars_level(
            &self,
            __tag: __ItemsTag,
        ) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "items",
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
            unsafe {
                match __tag {
                    __ItemsTag::Start => __POINTS.not_started(),
                    __ItemsTag::Yield0 => __POINTS.yielded(0usize),
                    __ItemsTag::Running => __POINTS.panicked(),
                    __ItemsTag::Done => __POINTS.done(),
                }
            }
        }
    }
    #[allow(unused_mut, unused_unsafe, unknown_lints, dangerous_implicit_autorefs)]
    let __machine = ::stackless::__private::framed_generator(
        ::stackless::__private::Frame::<
            ::stackless::__private::Head2<
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<_>,
                (),
                _,
                _,
            >,
            ::stackless::__private::Fixed,
        >::with_state(__ItemsTag::Start, __ItemsVars { __none: () }),
        |__frame, __arg: ()| {
            let mut __state = unsafe { __frame.state() };
            let __ret: () = {
                match __state.as_mut().project_replace(__Items::Running) {
                    __ItemsReplace::Start => {
                        ::stackless::__private::discard(__arg);
                        {
                            let __pin_v_0 = ::stackless::__private::Pinned::init(
                                unsafe {
                                    ::stackless::__private::Pinned::vacant(__frame.at0())
                                },
                                vec![1, 2, 3],
                            );
                            {
                                let __pin___iter1_1 = ::stackless::__private::Pinned::init(
                                    unsafe {
                                        ::stackless::__private::Pinned::vacant(__frame.at1())
                                    },
                                    ::stackless::__private::core::iter::IntoIterator::into_iter(unsafe {
                                        __pin_v_0.__place()
                                    }),
                                );
                                '__loop0: {
                                    match ::stackless::__private::core::iter::Iterator::next(unsafe {
                                        __pin___iter1_1.__place_mut()
                                    }) {
                                        ::stackless::__private::core::option::Option::None => {
                                            break '__loop0;
                                        }
                                        ::stackless::__private::core::option::Option::Some(x) => {
                                            {
                                                let __y: u32 = *x;
                                                __state.set(__Items::Yield0);
                                                ::stackless::__private::core::mem::forget(__pin_v_0);
                                                ::stackless::__private::core::mem::forget(__pin___iter1_1);
                                                return ::stackless::__private::Step::Yielded(__y);
                                            };
                                        }
                                    };
                                }
                            }
                        }
                    }
                    __ItemsReplace::Yield0 => {
                        let __pin_v_0 = unsafe {
                            ::stackless::__private::Pinned::resume(__frame.at0())
                        };
                        {
                            let __pin___iter1_1 = unsafe {
                                ::stackless::__private::Pinned::resume(__frame.at1())
                            };
                            {
                                {
                                    {
                                        ::stackless::__private::discard(__arg);
                                    }
                                }
                                '__loop0: {
                                    match ::stackless::__private::core::iter::Iterator::next(unsafe {
                                        __pin___iter1_1.__place_mut()
                                    }) {
                                        ::stackless::__private::core::option::Option::None => {
                                            break '__loop0;
                                        }
                                        ::stackless::__private::core::option::Option::Some(x) => {
                                            {
                                                let __y: u32 = *x;
                                                __state.set(__Items::Yield0);
                                                ::stackless::__private::core::mem::forget(__pin_v_0);
                                                ::stackless::__private::core::mem::forget(__pin___iter1_1);
                                                return ::stackless::__private::Step::Yielded(__y);
                                            };
                                        }
                                    };
                                }
                            }
                        }
                    }
                    __ItemsReplace::Running => {
                        return ::stackless::__private::Step::Poisoned(
                            "coroutine `items` resumed after panicking",
                        );
                    }
                    __ItemsReplace::Done => {
                        __state.set(__Items::Done);
                        return ::stackless::__private::Step::Done(
                            "coroutine `items` resumed after completion",
                        );
                    }
                }
            };
            __state.set(__Items::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |__frame| {
            let mut __state = unsafe { __frame.state() };
            #[allow(unused_variables)]
            match __state.as_mut().take(__Items::Done) {
                __ItemsTake::Yield0 => {
                    let __pin_v_0 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
                    };
                    let __pin___iter1_1 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at1())
                    };
                }
                _ => {}
            };
        },
    );
    __witness.resumes(&__machine);
    __witness.yields(&__machine);
    __witness.returns(&__machine);
    ::stackless::__private::boxed(__machine)
}

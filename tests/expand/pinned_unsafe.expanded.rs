#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn flagged(
    n: u32,
) -> impl Coroutine<Yield = u32, Return = usize> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    let __witness = ::stackless::__private::Witness::<(), u32, usize>::new();
    if false {
        #[allow(clippy::async_yields_async)]
        __witness
            .body(async move {
                let n = n;
                let __r: usize = {
                    let v;
                    v = (0..n).collect::<Vec<u32>>();
                    for x in &v {
                        {
                            __witness.yielded(::stackless::__private::expect::<u32>(*x));
                            __witness.resume().await
                        };
                    }
                    let w = v;
                    let mut u = w.clone();
                    for x in &u {
                        {
                            __witness
                                .yielded(::stackless::__private::expect::<u32>(*x + 1));
                            __witness.resume().await
                        };
                    }
                    u = Vec::new();
                    {
                        __witness
                            .yielded(
                                ::stackless::__private::expect::<u32>(u.len() as u32),
                            );
                        __witness.resume().await
                    };
                    w.len()
                };
                #[allow(unreachable_code)]
                let __r = __r;
                __r
            });
        ::stackless::__private::core::unreachable!();
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Flagged<T0, T1, T2, T3> {
        Start { n: T0 },
        Yield0 { __iter1: T1 },
        Yield1 { __iter2: T2, w: T3 },
        Yield2 { w: T3 },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __FlaggedProject<'__a, T0, T1, T2, T3> {
        Start { n: &'__a mut T0 },
        Yield0 { __iter1: &'__a mut T1 },
        Yield1 { __iter2: &'__a mut T2, w: &'__a mut T3 },
        Yield2 { w: &'__a mut T3 },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __FlaggedReplace<T0, T1, T2, T3> {
        Start { n: T0 },
        Yield0 { __iter1: T1 },
        Yield1 { __iter2: T2, w: T3 },
        Yield2 { w: T3 },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __FlaggedTake<'__a, T0, T1, T2, T3> {
        Start { n: T0 },
        Yield0 { __iter1: T1 },
        Yield1 { __iter2: T2, w: T3 },
        Yield2 { w: T3 },
        Running,
        Done,
        __Borrow(::stackless::__private::core::marker::PhantomData<&'__a ()>),
    }
    #[allow(dead_code, non_camel_case_types)]
    #[derive(
        ::stackless::__private::core::clone::Clone,
        ::stackless::__private::core::marker::Copy
    )]
    enum __FlaggedTag {
        Start,
        Yield0,
        Yield1,
        Yield2,
        Running,
        Done,
    }
    #[allow(dead_code, non_snake_case)]
    union __FlaggedVars<T0, T1, T2, T3> {
        __none: (),
        Start: ::stackless::__private::core::mem::ManuallyDrop<(T0,)>,
        Yield0: ::stackless::__private::core::mem::ManuallyDrop<(T1,)>,
        Yield1: ::stackless::__private::core::mem::ManuallyDrop<(T2, T3)>,
        Yield2: ::stackless::__private::core::mem::ManuallyDrop<(T3,)>,
    }
    impl<T0, T1, T2, T3> ::stackless::__private::core::marker::Unpin
    for __FlaggedVars<T0, T1, T2, T3> {}
    #[allow(dead_code)]
    trait __FlaggedStep<'__a, T0, T1, T2, T3> {
        fn project(self) -> __FlaggedProject<'__a, T0, T1, T2, T3>;
        fn project_replace(
            self,
            __new: __Flagged<T0, T1, T2, T3>,
        ) -> __FlaggedReplace<T0, T1, T2, T3>;
        fn set(&mut self, __new: __Flagged<T0, T1, T2, T3>);
        fn running(&self) -> bool;
        fn take(
            self,
            __new: __Flagged<T0, T1, T2, T3>,
        ) -> __FlaggedTake<'__a, T0, T1, T2, T3>;
        /// Writes a new value. Safety: the state holds nothing (its tag says `Running`).
        unsafe fn put(&mut self, __new: __Flagged<T0, T1, T2, T3>);
    }
    #[allow(unused_variables)]
    impl<
        '__a,
        T0,
        T1,
        T2,
        T3,
        __N0_,
        __N1_,
        __N2_,
        __K_,
    > __FlaggedStep<'__a, T0, T1, T2, T3>
    for ::stackless::__private::State<
        '__a,
        ::stackless::__private::Head3<
            __N0_,
            __N1_,
            __N2_,
            __K_,
            __FlaggedTag,
            __FlaggedVars<T0, T1, T2, T3>,
        >,
    > {
        #[inline(always)]
        fn project(self) -> __FlaggedProject<'__a, T0, T1, T2, T3> {
            let (__vars, __h) = (self.vars(), self.head());
            unsafe {
                match self.tag() {
                    __FlaggedTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        __FlaggedProject::Start {
                            n: &mut *&mut __v.0,
                        }
                    }
                    __FlaggedTag::Yield0 => {
                        let __v = &mut *(*__vars).Yield0;
                        __FlaggedProject::Yield0 {
                            __iter1: &mut *&mut __v.0,
                        }
                    }
                    __FlaggedTag::Yield1 => {
                        let __v = &mut *(*__vars).Yield1;
                        __FlaggedProject::Yield1 {
                            __iter2: &mut *&mut __v.0,
                            w: &mut *&mut __v.1,
                        }
                    }
                    __FlaggedTag::Yield2 => {
                        let __v = &mut *(*__vars).Yield2;
                        __FlaggedProject::Yield2 {
                            w: &mut *&mut __v.0,
                        }
                    }
                    __FlaggedTag::Running => __FlaggedProject::Running,
                    __FlaggedTag::Done => __FlaggedProject::Done,
                }
            }
        }
        #[inline(always)]
        fn project_replace(
            mut self,
            __new: __Flagged<T0, T1, T2, T3>,
        ) -> __FlaggedReplace<T0, T1, T2, T3> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__FlaggedTag::Running);
                match __old {
                    __FlaggedTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        __FlaggedReplace::Start {
                            n: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __FlaggedTag::Yield0 => {
                        let __v = &mut *(*__vars).Yield0;
                        __FlaggedReplace::Yield0 {
                            __iter1: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __FlaggedTag::Yield1 => {
                        let __v = &mut *(*__vars).Yield1;
                        __FlaggedReplace::Yield1 {
                            __iter2: ::stackless::__private::core::ptr::read(&mut __v.0),
                            w: ::stackless::__private::core::ptr::read(&mut __v.1),
                        }
                    }
                    __FlaggedTag::Yield2 => {
                        let __v = &mut *(*__vars).Yield2;
                        __FlaggedReplace::Yield2 {
                            w: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __FlaggedTag::Running => __FlaggedReplace::Running,
                    __FlaggedTag::Done => __FlaggedReplace::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        fn set(&mut self, __new: __Flagged<T0, T1, T2, T3>) {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            unsafe {
                self.set_tag(__FlaggedTag::Running);
                match __old {
                    __FlaggedTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                    }
                    __FlaggedTag::Yield0 => {
                        let __v = &mut *(*__vars).Yield0;
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                    }
                    __FlaggedTag::Yield1 => {
                        let __v = &mut *(*__vars).Yield1;
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.1);
                    }
                    __FlaggedTag::Yield2 => {
                        let __v = &mut *(*__vars).Yield2;
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                    }
                    _ => {}
                }
                self.put(__new);
            }
        }
        #[inline(always)]
        fn running(&self) -> bool {
            ::stackless::__private::core::matches!(self.tag(), __FlaggedTag::Running)
        }
        /// As `project_replace`, but the pinned fields are handed over as guards that
        /// drop them where they are, when the caller is ready (the machine's `Drop`, and
        /// a resumed await, once the locals the future borrowed have owners again). The
        /// new value has no fields (`Running`, `Done`): the guards' fields stay put.
        #[inline(always)]
        fn take(
            mut self,
            __new: __Flagged<T0, T1, T2, T3>,
        ) -> __FlaggedTake<'__a, T0, T1, T2, T3> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__FlaggedTag::Running);
                match __old {
                    __FlaggedTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        __FlaggedTake::Start {
                            n: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __FlaggedTag::Yield0 => {
                        let __v = &mut *(*__vars).Yield0;
                        __FlaggedTake::Yield0 {
                            __iter1: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __FlaggedTag::Yield1 => {
                        let __v = &mut *(*__vars).Yield1;
                        __FlaggedTake::Yield1 {
                            __iter2: ::stackless::__private::core::ptr::read(&mut __v.0),
                            w: ::stackless::__private::core::ptr::read(&mut __v.1),
                        }
                    }
                    __FlaggedTag::Yield2 => {
                        let __v = &mut *(*__vars).Yield2;
                        __FlaggedTake::Yield2 {
                            w: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __FlaggedTag::Running => __FlaggedTake::Running,
                    __FlaggedTag::Done => __FlaggedTake::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        unsafe fn put(&mut self, __new: __Flagged<T0, T1, T2, T3>) {
            unsafe {
                let (__vars, __h) = (self.vars(), self.head());
                let __new = match __new {
                    __Flagged::Start { n } => {
                        (*__vars).Start = ::stackless::__private::core::mem::ManuallyDrop::new((
                            n,
                        ));
                        __FlaggedTag::Start
                    }
                    __Flagged::Yield0 { __iter1 } => {
                        (*__vars).Yield0 = ::stackless::__private::core::mem::ManuallyDrop::new((
                            __iter1,
                        ));
                        __FlaggedTag::Yield0
                    }
                    __Flagged::Yield1 { __iter2, w } => {
                        (*__vars).Yield1 = ::stackless::__private::core::mem::ManuallyDrop::new((
                            __iter2,
                            w,
                        ));
                        __FlaggedTag::Yield1
                    }
                    __Flagged::Yield2 { w } => {
                        (*__vars).Yield2 = ::stackless::__private::core::mem::ManuallyDrop::new((
                            w,
                        ));
                        __FlaggedTag::Yield2
                    }
                    __Flagged::Running => __FlaggedTag::Running,
                    __Flagged::Done => __FlaggedTag::Done,
                };
                self.set_tag(__new);
            }
        }
    }
    impl<T0, T1, T2, T3> ::stackless::__private::VarsTrace<__FlaggedTag>
    for __FlaggedVars<T0, T1, T2, T3> {
        #[allow(unused_variables)]
        unsafe fn vars_level(
            &self,
            __tag: __FlaggedTag,
        ) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "flagged",
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
                    (
                        ::stackless::__private::core::line!(),
                        ::stackless::__private::core::column!(),
                    ),
                ],
            };
            unsafe {
                match __tag {
                    __FlaggedTag::Start => __POINTS.not_started(),
                    __FlaggedTag::Yield0 => __POINTS.yielded(0usize),
                    __FlaggedTag::Yield1 => __POINTS.yielded(1usize),
                    __FlaggedTag::Yield2 => __POINTS.yielded(2usize),
                    __FlaggedTag::Running => __POINTS.panicked(),
                    __FlaggedTag::Done => __POINTS.done(),
                }
            }
        }
    }
    #[allow(unused_mut, unused_unsafe, unknown_lints, dangerous_implicit_autorefs)]
    let __machine = ::stackless::__private::framed_generator(
        ::stackless::__private::Frame::<
            ::stackless::__private::Head3<
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<[bool; 1]>,
                (),
                _,
                _,
            >,
            ::stackless::__private::Fixed,
        >::with_state(
            __FlaggedTag::Start,
            __FlaggedVars {
                Start: ::stackless::__private::core::mem::ManuallyDrop::new((n,)),
            },
        ),
        |__frame, __arg: ()| {
            let mut __state = unsafe { __frame.state() };
            #[allow(unused_imports)]
            use ::stackless::__private::{
                CaptureCopy as _, CaptureMove as _, ReadCopy as _, ReadMove as _,
            };
            let __ret: usize = {
                match __state.as_mut().project_replace(__Flagged::Running) {
                    __FlaggedReplace::Start { n: n } => {
                        ::stackless::__private::discard(__arg);
                        {
                            let n = n;
                            {
                                let __pin_v_1 = ::stackless::__private::PinnedOpt::empty(unsafe {
                                    ::stackless::__private::PinnedOpt::vacant(
                                        __frame.at0(),
                                        __frame.at2().flag(0),
                                    )
                                });
                                __pin_v_1.__set((0..n).collect::<Vec<u32>>());
                                {
                                    let mut __iter1 = ::stackless::__private::core::iter::IntoIterator::into_iter(unsafe {
                                        __pin_v_1.__place()
                                    });
                                    '__loop0: {
                                        match ::stackless::__private::core::iter::Iterator::next(
                                            &mut __iter1,
                                        ) {
                                            ::stackless::__private::core::option::Option::None => {
                                                break '__loop0;
                                            }
                                            ::stackless::__private::core::option::Option::Some(x) => {
                                                {
                                                    let __y: u32 = *x;
                                                    __state
                                                        .set(__Flagged::Yield0 {
                                                            __iter1: __iter1,
                                                        });
                                                    ::stackless::__private::core::mem::forget(__pin_v_1);
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            }
                                        };
                                    }
                                };
                                let w = (&unsafe { __pin_v_1.__by_value() })
                                    .__stackless_read();
                                let __pin_u_5 = ::stackless::__private::Pinned::init(
                                    unsafe {
                                        ::stackless::__private::Pinned::vacant(__frame.at1())
                                    },
                                    w.clone(),
                                );
                                {
                                    let mut __iter2 = ::stackless::__private::core::iter::IntoIterator::into_iter(unsafe {
                                        __pin_u_5.__place()
                                    });
                                    '__loop1: {
                                        match ::stackless::__private::core::iter::Iterator::next(
                                            &mut __iter2,
                                        ) {
                                            ::stackless::__private::core::option::Option::None => {
                                                break '__loop1;
                                            }
                                            ::stackless::__private::core::option::Option::Some(x) => {
                                                {
                                                    let __y: u32 = *x + 1;
                                                    __state
                                                        .set(__Flagged::Yield1 {
                                                            __iter2: __iter2,
                                                            w: w,
                                                        });
                                                    ::stackless::__private::core::mem::forget(__pin_v_1);
                                                    ::stackless::__private::core::mem::forget(__pin_u_5);
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            }
                                        };
                                    }
                                };
                                *unsafe { __pin_u_5.__place_mut() } = Vec::new();
                                {
                                    let __y: u32 = (**unsafe {
                                        ::stackless::__private::Place::reach(
                                            &mut __pin_u_5.__place_auto(),
                                        )
                                    })
                                        .len() as u32;
                                    __state.set(__Flagged::Yield2 { w: w });
                                    ::stackless::__private::core::mem::forget(__pin_v_1);
                                    ::stackless::__private::core::mem::forget(__pin_u_5);
                                    return ::stackless::__private::Step::Yielded(__y);
                                };
                            };
                        }
                    }
                    __FlaggedReplace::Yield0 { __iter1: __iter1 } => {
                        {
                            let __pin_v_1 = unsafe {
                                ::stackless::__private::PinnedOpt::resume(
                                    __frame.at0(),
                                    __frame.at2().flag(0),
                                )
                            };
                            {
                                let mut __iter1 = __iter1;
                                {
                                    {
                                        {
                                            ::stackless::__private::discard(__arg);
                                        }
                                    }
                                    '__loop0: {
                                        match ::stackless::__private::core::iter::Iterator::next(
                                            &mut __iter1,
                                        ) {
                                            ::stackless::__private::core::option::Option::None => {
                                                break '__loop0;
                                            }
                                            ::stackless::__private::core::option::Option::Some(x) => {
                                                {
                                                    let __y: u32 = *x;
                                                    __state
                                                        .set(__Flagged::Yield0 {
                                                            __iter1: __iter1,
                                                        });
                                                    ::stackless::__private::core::mem::forget(__pin_v_1);
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            }
                                        };
                                    }
                                }
                            };
                            let w = (&unsafe { __pin_v_1.__by_value() })
                                .__stackless_read();
                            let __pin_u_5 = ::stackless::__private::Pinned::init(
                                unsafe {
                                    ::stackless::__private::Pinned::vacant(__frame.at1())
                                },
                                w.clone(),
                            );
                            {
                                let mut __iter2 = ::stackless::__private::core::iter::IntoIterator::into_iter(unsafe {
                                    __pin_u_5.__place()
                                });
                                '__loop1: {
                                    match ::stackless::__private::core::iter::Iterator::next(
                                        &mut __iter2,
                                    ) {
                                        ::stackless::__private::core::option::Option::None => {
                                            break '__loop1;
                                        }
                                        ::stackless::__private::core::option::Option::Some(x) => {
                                            {
                                                let __y: u32 = *x + 1;
                                                __state
                                                    .set(__Flagged::Yield1 {
                                                        __iter2: __iter2,
                                                        w: w,
                                                    });
                                                ::stackless::__private::core::mem::forget(__pin_v_1);
                                                ::stackless::__private::core::mem::forget(__pin_u_5);
                                                return ::stackless::__private::Step::Yielded(__y);
                                            };
                                        }
                                    };
                                }
                            };
                            *unsafe { __pin_u_5.__place_mut() } = Vec::new();
                            {
                                let __y: u32 = (**unsafe {
                                    ::stackless::__private::Place::reach(
                                        &mut __pin_u_5.__place_auto(),
                                    )
                                })
                                    .len() as u32;
                                __state.set(__Flagged::Yield2 { w: w });
                                ::stackless::__private::core::mem::forget(__pin_v_1);
                                ::stackless::__private::core::mem::forget(__pin_u_5);
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        };
                    }
                    __FlaggedReplace::Yield1 { __iter2: __iter2, w: w } => {
                        {
                            let __pin_v_1 = unsafe {
                                ::stackless::__private::PinnedOpt::resume(
                                    __frame.at0(),
                                    __frame.at2().flag(0),
                                )
                            };
                            let w = w;
                            let __pin_u_5 = unsafe {
                                ::stackless::__private::Pinned::resume(__frame.at1())
                            };
                            {
                                let mut __iter2 = __iter2;
                                {
                                    {
                                        {
                                            ::stackless::__private::discard(__arg);
                                        }
                                    }
                                    '__loop1: {
                                        match ::stackless::__private::core::iter::Iterator::next(
                                            &mut __iter2,
                                        ) {
                                            ::stackless::__private::core::option::Option::None => {
                                                break '__loop1;
                                            }
                                            ::stackless::__private::core::option::Option::Some(x) => {
                                                {
                                                    let __y: u32 = *x + 1;
                                                    __state
                                                        .set(__Flagged::Yield1 {
                                                            __iter2: __iter2,
                                                            w: w,
                                                        });
                                                    ::stackless::__private::core::mem::forget(__pin_v_1);
                                                    ::stackless::__private::core::mem::forget(__pin_u_5);
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            }
                                        };
                                    }
                                }
                            };
                            *unsafe { __pin_u_5.__place_mut() } = Vec::new();
                            {
                                let __y: u32 = (**unsafe {
                                    ::stackless::__private::Place::reach(
                                        &mut __pin_u_5.__place_auto(),
                                    )
                                })
                                    .len() as u32;
                                __state.set(__Flagged::Yield2 { w: w });
                                ::stackless::__private::core::mem::forget(__pin_v_1);
                                ::stackless::__private::core::mem::forget(__pin_u_5);
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        };
                    }
                    __FlaggedReplace::Yield2 { w: w } => {
                        let __value: usize = {
                            let __pin_v_1 = unsafe {
                                ::stackless::__private::PinnedOpt::resume(
                                    __frame.at0(),
                                    __frame.at2().flag(0),
                                )
                            };
                            let w = w;
                            let __pin_u_5 = unsafe {
                                ::stackless::__private::Pinned::resume(__frame.at1())
                            };
                            ::stackless::__private::discard(__arg);
                            w.len()
                        };
                        __value
                    }
                    __FlaggedReplace::Running => {
                        return ::stackless::__private::Step::Poisoned(
                            "coroutine `flagged` resumed after panicking",
                        );
                    }
                    __FlaggedReplace::Done => {
                        __state.set(__Flagged::Done);
                        return ::stackless::__private::Step::Done(
                            "coroutine `flagged` resumed after completion",
                        );
                    }
                }
            };
            __state.set(__Flagged::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |__frame| {
            let mut __state = unsafe { __frame.state() };
            #[allow(unused_variables)]
            match __state.as_mut().take(__Flagged::Done) {
                __FlaggedTake::Yield0 { __iter1: __iter1 } => {
                    let __pin_v_1 = unsafe {
                        ::stackless::__private::PinnedOpt::resume(
                            __frame.at0(),
                            __frame.at2().flag(0),
                        )
                    };
                    let __iter1 = __iter1;
                }
                __FlaggedTake::Yield1 { __iter2: __iter2, w: w } => {
                    let __pin_v_1 = unsafe {
                        ::stackless::__private::PinnedOpt::resume(
                            __frame.at0(),
                            __frame.at2().flag(0),
                        )
                    };
                    let w = w;
                    let __pin_u_5 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at1())
                    };
                    let __iter2 = __iter2;
                }
                __FlaggedTake::Yield2 { w: w } => {
                    let __pin_v_1 = unsafe {
                        ::stackless::__private::PinnedOpt::resume(
                            __frame.at0(),
                            __frame.at2().flag(0),
                        )
                    };
                    let w = w;
                    let __pin_u_5 = unsafe {
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
    __machine
}
#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn handle(n: u32) -> impl Iterator<Item = u32> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    let __witness = ::stackless::__private::Witness::<(), u32, ()>::new();
    if false {
        #[allow(clippy::async_yields_async)]
        __witness
            .body(async move {
                let n = n;
                let __r: () = {
                    let u: Vec<u32> = (0..n).collect();
                    let f = |x: u32| x + u.len() as u32;
                    {
                        __witness.yielded(::stackless::__private::expect::<u32>(f(1)));
                        __witness.resume().await
                    };
                    {
                        __witness.yielded(::stackless::__private::expect::<u32>(f(2)));
                        __witness.resume().await
                    };
                };
                #[allow(unreachable_code)]
                let __r = __r;
                __r
            });
        ::stackless::__private::core::unreachable!();
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Handle<T0, T1> {
        Start { n: T0 },
        Yield0 { f: T1 },
        Yield1,
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __HandleProject<'__a, T0, T1> {
        Start { n: &'__a mut T0 },
        Yield0 { f: &'__a mut T1 },
        Yield1,
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __HandleReplace<T0, T1> {
        Start { n: T0 },
        Yield0 { f: T1 },
        Yield1,
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __HandleTake<'__a, T0, T1> {
        Start { n: T0 },
        Yield0 { f: T1 },
        Yield1,
        Running,
        Done,
        __Borrow(::stackless::__private::core::marker::PhantomData<&'__a ()>),
    }
    #[allow(dead_code, non_camel_case_types)]
    #[derive(
        ::stackless::__private::core::clone::Clone,
        ::stackless::__private::core::marker::Copy
    )]
    enum __HandleTag {
        Start,
        Yield0,
        Yield1,
        Running,
        Done,
    }
    #[allow(dead_code, non_snake_case)]
    union __HandleVars<T0> {
        __none: (),
        Start: ::stackless::__private::core::mem::ManuallyDrop<(T0,)>,
        Yield0: ::stackless::__private::core::mem::ManuallyDrop<()>,
    }
    impl<T0> ::stackless::__private::core::marker::Unpin for __HandleVars<T0> {}
    #[allow(dead_code)]
    trait __HandleStep<'__a, T0, T1> {
        fn project(self) -> __HandleProject<'__a, T0, T1>;
        fn project_replace(self, __new: __Handle<T0, T1>) -> __HandleReplace<T0, T1>;
        fn set(&mut self, __new: __Handle<T0, T1>);
        fn running(&self) -> bool;
        fn take(self, __new: __Handle<T0, T1>) -> __HandleTake<'__a, T0, T1>;
        /// Writes a new value. Safety: the state holds nothing (its tag says `Running`).
        unsafe fn put(&mut self, __new: __Handle<T0, T1>);
    }
    #[allow(unused_variables)]
    impl<'__a, T0, T1, __N0_, __K_> __HandleStep<'__a, T0, T1>
    for ::stackless::__private::State<
        '__a,
        ::stackless::__private::Head2<
            __N0_,
            ::stackless::__private::Leaf<T1>,
            __K_,
            __HandleTag,
            __HandleVars<T0>,
        >,
    > {
        #[inline(always)]
        fn project(self) -> __HandleProject<'__a, T0, T1> {
            let (__vars, __h) = (self.vars(), self.head());
            unsafe {
                match self.tag() {
                    __HandleTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        __HandleProject::Start {
                            n: &mut *&mut __v.0,
                        }
                    }
                    __HandleTag::Yield0 => {
                        let __v = &mut *(*__vars).Yield0;
                        __HandleProject::Yield0 {
                            f: &mut *__h.at1().as_ptr(),
                        }
                    }
                    __HandleTag::Yield1 => __HandleProject::Yield1,
                    __HandleTag::Running => __HandleProject::Running,
                    __HandleTag::Done => __HandleProject::Done,
                }
            }
        }
        #[inline(always)]
        fn project_replace(
            mut self,
            __new: __Handle<T0, T1>,
        ) -> __HandleReplace<T0, T1> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__HandleTag::Running);
                match __old {
                    __HandleTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        __HandleReplace::Start {
                            n: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __HandleTag::Yield0 => {
                        let __v = &mut *(*__vars).Yield0;
                        __HandleReplace::Yield0 {
                            f: ::stackless::__private::core::ptr::read(
                                __h.at1().as_ptr(),
                            ),
                        }
                    }
                    __HandleTag::Yield1 => __HandleReplace::Yield1,
                    __HandleTag::Running => __HandleReplace::Running,
                    __HandleTag::Done => __HandleReplace::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        fn set(&mut self, __new: __Handle<T0, T1>) {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            unsafe {
                self.set_tag(__HandleTag::Running);
                match __old {
                    __HandleTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                    }
                    __HandleTag::Yield0 => {
                        let __v = &mut *(*__vars).Yield0;
                        ::stackless::__private::core::ptr::drop_in_place(
                            __h.at1().as_ptr(),
                        );
                    }
                    _ => {}
                }
                self.put(__new);
            }
        }
        #[inline(always)]
        fn running(&self) -> bool {
            ::stackless::__private::core::matches!(self.tag(), __HandleTag::Running)
        }
        /// As `project_replace`, but the pinned fields are handed over as guards that
        /// drop them where they are, when the caller is ready (the machine's `Drop`, and
        /// a resumed await, once the locals the future borrowed have owners again). The
        /// new value has no fields (`Running`, `Done`): the guards' fields stay put.
        #[inline(always)]
        fn take(mut self, __new: __Handle<T0, T1>) -> __HandleTake<'__a, T0, T1> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__HandleTag::Running);
                match __old {
                    __HandleTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        __HandleTake::Start {
                            n: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __HandleTag::Yield0 => {
                        let __v = &mut *(*__vars).Yield0;
                        __HandleTake::Yield0 {
                            f: ::stackless::__private::core::ptr::read(
                                __h.at1().as_ptr(),
                            ),
                        }
                    }
                    __HandleTag::Yield1 => __HandleTake::Yield1,
                    __HandleTag::Running => __HandleTake::Running,
                    __HandleTag::Done => __HandleTake::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        unsafe fn put(&mut self, __new: __Handle<T0, T1>) {
            unsafe {
                let (__vars, __h) = (self.vars(), self.head());
                let __new = match __new {
                    __Handle::Start { n } => {
                        (*__vars).Start = ::stackless::__private::core::mem::ManuallyDrop::new((
                            n,
                        ));
                        __HandleTag::Start
                    }
                    __Handle::Yield0 { f } => {
                        (*__vars).Yield0 = ::stackless::__private::core::mem::ManuallyDrop::new(());
                        ::stackless::__private::core::ptr::write(__h.at1().as_ptr(), f);
                        __HandleTag::Yield0
                    }
                    __Handle::Yield1 => __HandleTag::Yield1,
                    __Handle::Running => __HandleTag::Running,
                    __Handle::Done => __HandleTag::Done,
                };
                self.set_tag(__new);
            }
        }
    }
    impl<T0> ::stackless::__private::VarsTrace<__HandleTag> for __HandleVars<T0> {
        #[allow(unused_variables)]
        unsafe fn vars_level(
            &self,
            __tag: __HandleTag,
        ) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "handle",
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
                    __HandleTag::Start => __POINTS.not_started(),
                    __HandleTag::Yield0 => __POINTS.yielded(0usize),
                    __HandleTag::Yield1 => __POINTS.yielded(1usize),
                    __HandleTag::Running => __POINTS.panicked(),
                    __HandleTag::Done => __POINTS.done(),
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
        >::with_state(
            __HandleTag::Start,
            __HandleVars {
                Start: ::stackless::__private::core::mem::ManuallyDrop::new((n,)),
            },
        ),
        |__frame, __arg: ()| {
            let mut __state = unsafe { __frame.state() };
            let __ret: () = {
                match __state.as_mut().project_replace(__Handle::Running) {
                    __HandleReplace::Start { n: n } => {
                        ::stackless::__private::discard(__arg);
                        {
                            let n = n;
                            let __pin_u_1 = ::stackless::__private::Pinned::<
                                Vec<u32>,
                            >::init(
                                unsafe {
                                    ::stackless::__private::Pinned::vacant(__frame.at0())
                                },
                                (0..n).collect(),
                            );
                            let f = {
                                let __pin_u_1 = unsafe { __pin_u_1.__handle() };
                                move |x: u32| {
                                    x
                                        + (**unsafe {
                                            ::stackless::__private::Place::reach(
                                                &mut __pin_u_1.__place_auto(),
                                            )
                                        })
                                            .len() as u32
                                }
                            };
                            {
                                let __y: u32 = f(1);
                                __state.set(__Handle::Yield0 { f: f });
                                ::stackless::__private::core::mem::forget(__pin_u_1);
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        }
                    }
                    __HandleReplace::Yield0 { f: f } => {
                        let __pin_u_1 = unsafe {
                            ::stackless::__private::Pinned::resume(__frame.at0())
                        };
                        let f = f;
                        ::stackless::__private::discard(__arg);
                        {
                            let __y: u32 = f(2);
                            __state.set(__Handle::Yield1);
                            ::stackless::__private::core::mem::forget(__pin_u_1);
                            return ::stackless::__private::Step::Yielded(__y);
                        };
                    }
                    __HandleReplace::Yield1 => {
                        let __pin_u_1 = unsafe {
                            ::stackless::__private::Pinned::resume(__frame.at0())
                        };
                        ::stackless::__private::discard(__arg);
                    }
                    __HandleReplace::Running => {
                        return ::stackless::__private::Step::Poisoned(
                            "coroutine `handle` resumed after panicking",
                        );
                    }
                    __HandleReplace::Done => {
                        __state.set(__Handle::Done);
                        return ::stackless::__private::Step::Done(
                            "coroutine `handle` resumed after completion",
                        );
                    }
                }
            };
            __state.set(__Handle::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |__frame| {
            let mut __state = unsafe { __frame.state() };
            #[allow(unused_variables)]
            match __state.as_mut().take(__Handle::Done) {
                __HandleTake::Yield0 { f: f } => {
                    let __pin_u_1 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
                    };
                    let f = f;
                }
                __HandleTake::Yield1 => {
                    let __pin_u_1 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
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
#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn pinned_future<'__frame, F: Future<Output = u32> + '__frame>(
    fut: F,
) -> impl ::stackless::__private::core::future::Future<
    Output = u32,
> + ::stackless::__private::Captures<&'__frame ()> + ::stackless::__private::Trace {
    let __witness = ::stackless::__private::Witness::<(), (), u32>::new();
    if false {
        #[allow(clippy::async_yields_async)]
        __witness
            .body(async move {
                let fut = fut;
                let __r: u32 = {
                    let __anchor = ();
                    let __pinned = ::core::pin::pin!(fut);
                    let fut = ::stackless::__private::anchored(&__anchor, __pinned);
                    fut.await
                };
                #[allow(unreachable_code)]
                let __r = __r;
                __r
            });
        ::stackless::__private::core::unreachable!();
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __PinnedFuture<T0, F1, K2> {
        Start { fut: T0 },
        Await0 { __fut: F1, __trace: K2 },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __PinnedFutureProject<'__a, T0, F1, K2> {
        Start { fut: &'__a mut T0 },
        Await0 {
            __fut: ::stackless::__private::core::pin::Pin<&'__a mut F1>,
            __trace: &'__a mut K2,
        },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __PinnedFutureReplace<T0, F1, K2> {
        Start { fut: T0 },
        Await0 {
            __fut: ::stackless::__private::core::marker::PhantomData<F1>,
            __trace: K2,
        },
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __PinnedFutureTake<'__a, T0, F1, K2> {
        Start { fut: T0 },
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
    enum __PinnedFutureTag {
        Start,
        Await0,
        Running,
        Done,
    }
    #[allow(dead_code, non_snake_case)]
    union __PinnedFutureVars<T0, F1, K2> {
        __none: (),
        Start: ::stackless::__private::core::mem::ManuallyDrop<(T0,)>,
        Await0: ::stackless::__private::core::mem::ManuallyDrop<(F1, K2)>,
    }
    impl<T0, F1, K2> ::stackless::__private::core::marker::Unpin
    for __PinnedFutureVars<T0, F1, K2>
    where
        F1: ::stackless::__private::core::marker::Unpin,
    {}
    #[allow(dead_code)]
    trait __PinnedFutureStep<'__a, T0, F1, K2> {
        fn project(self) -> __PinnedFutureProject<'__a, T0, F1, K2>;
        fn project_replace(
            self,
            __new: __PinnedFuture<T0, F1, K2>,
        ) -> __PinnedFutureReplace<T0, F1, K2>;
        fn set(&mut self, __new: __PinnedFuture<T0, F1, K2>);
        fn running(&self) -> bool;
        fn take(
            self,
            __new: __PinnedFuture<T0, F1, K2>,
        ) -> __PinnedFutureTake<'__a, T0, F1, K2>;
        /// Writes a new value. Safety: the state holds nothing (its tag says `Running`).
        unsafe fn put(&mut self, __new: __PinnedFuture<T0, F1, K2>);
    }
    #[allow(unused_variables)]
    impl<'__a, T0, F1, K2, __N0_, __K_> __PinnedFutureStep<'__a, T0, F1, K2>
    for ::stackless::__private::State<
        '__a,
        ::stackless::__private::Head1<
            __N0_,
            __K_,
            __PinnedFutureTag,
            __PinnedFutureVars<T0, F1, K2>,
        >,
    > {
        #[inline(always)]
        fn project(self) -> __PinnedFutureProject<'__a, T0, F1, K2> {
            let (__vars, __h) = (self.vars(), self.head());
            unsafe {
                match self.tag() {
                    __PinnedFutureTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        __PinnedFutureProject::Start {
                            fut: &mut *&mut __v.0,
                        }
                    }
                    __PinnedFutureTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        __PinnedFutureProject::Await0 {
                            __fut: ::stackless::__private::core::pin::Pin::new_unchecked(
                                &mut *&mut __v.0,
                            ),
                            __trace: &mut *&mut __v.1,
                        }
                    }
                    __PinnedFutureTag::Running => __PinnedFutureProject::Running,
                    __PinnedFutureTag::Done => __PinnedFutureProject::Done,
                }
            }
        }
        #[inline(always)]
        fn project_replace(
            mut self,
            __new: __PinnedFuture<T0, F1, K2>,
        ) -> __PinnedFutureReplace<T0, F1, K2> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__PinnedFutureTag::Running);
                match __old {
                    __PinnedFutureTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        __PinnedFutureReplace::Start {
                            fut: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __PinnedFutureTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        let __out = __PinnedFutureReplace::Await0 {
                            __fut: ::stackless::__private::core::marker::PhantomData,
                            __trace: ::stackless::__private::core::ptr::read(&mut __v.1),
                        };
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                        __out
                    }
                    __PinnedFutureTag::Running => __PinnedFutureReplace::Running,
                    __PinnedFutureTag::Done => __PinnedFutureReplace::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        fn set(&mut self, __new: __PinnedFuture<T0, F1, K2>) {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            unsafe {
                self.set_tag(__PinnedFutureTag::Running);
                match __old {
                    __PinnedFutureTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        ::stackless::__private::core::ptr::drop_in_place(&mut __v.0);
                    }
                    __PinnedFutureTag::Await0 => {
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
            ::stackless::__private::core::matches!(
                self.tag(), __PinnedFutureTag::Running
            )
        }
        /// As `project_replace`, but the pinned fields are handed over as guards that
        /// drop them where they are, when the caller is ready (the machine's `Drop`, and
        /// a resumed await, once the locals the future borrowed have owners again). The
        /// new value has no fields (`Running`, `Done`): the guards' fields stay put.
        #[inline(always)]
        fn take(
            mut self,
            __new: __PinnedFuture<T0, F1, K2>,
        ) -> __PinnedFutureTake<'__a, T0, F1, K2> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__PinnedFutureTag::Running);
                match __old {
                    __PinnedFutureTag::Start => {
                        let __v = &mut *(*__vars).Start;
                        __PinnedFutureTake::Start {
                            fut: ::stackless::__private::core::ptr::read(&mut __v.0),
                        }
                    }
                    __PinnedFutureTag::Await0 => {
                        let __v = &mut *(*__vars).Await0;
                        __PinnedFutureTake::Await0 {
                            __fut: ::stackless::__private::DropInPlace::new(&mut __v.0),
                            __trace: ::stackless::__private::core::ptr::read(&mut __v.1),
                        }
                    }
                    __PinnedFutureTag::Running => __PinnedFutureTake::Running,
                    __PinnedFutureTag::Done => __PinnedFutureTake::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        unsafe fn put(&mut self, __new: __PinnedFuture<T0, F1, K2>) {
            unsafe {
                let (__vars, __h) = (self.vars(), self.head());
                let __new = match __new {
                    __PinnedFuture::Start { fut } => {
                        (*__vars).Start = ::stackless::__private::core::mem::ManuallyDrop::new((
                            fut,
                        ));
                        __PinnedFutureTag::Start
                    }
                    __PinnedFuture::Await0 { __fut, __trace } => {
                        (*__vars).Await0 = ::stackless::__private::core::mem::ManuallyDrop::new((
                            __fut,
                            __trace,
                        ));
                        __PinnedFutureTag::Await0
                    }
                    __PinnedFuture::Running => __PinnedFutureTag::Running,
                    __PinnedFuture::Done => __PinnedFutureTag::Done,
                };
                self.set_tag(__new);
            }
        }
    }
    impl<T0, F1, K2> ::stackless::__private::VarsTrace<__PinnedFutureTag>
    for __PinnedFutureVars<T0, F1, K2>
    where
        K2: ::stackless::__private::TraceKind<F1>,
    {
        #[allow(unused_variables)]
        unsafe fn vars_level(
            &self,
            __tag: __PinnedFutureTag,
        ) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "pinned_future",
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
                    __PinnedFutureTag::Start => __POINTS.not_started(),
                    __PinnedFutureTag::Await0 => {
                        let __f = &(*self.Await0).0;
                        __POINTS
                            .awaiting(
                                0usize,
                                unsafe {
                                    <K2 as ::stackless::__private::TraceKind<F1>>::awaited(__f)
                                },
                            )
                    }
                    __PinnedFutureTag::Running => __POINTS.panicked(),
                    __PinnedFutureTag::Done => __POINTS.done(),
                }
            }
        }
    }
    #[allow(unused_mut, unused_unsafe, unknown_lints, dangerous_implicit_autorefs)]
    let __machine = ::stackless::__private::framed_future(
        ::stackless::__private::Frame::<
            ::stackless::__private::Head1<::stackless::__private::Leaf<_>, (), _, _>,
            ::stackless::__private::Fixed,
        >::with_state(
            __PinnedFutureTag::Start,
            __PinnedFutureVars {
                Start: ::stackless::__private::core::mem::ManuallyDrop::new((fut,)),
            },
        ),
        |__frame, __arg: &mut ::stackless::__private::core::task::Context<'_>| {
            let mut __state = unsafe { __frame.state() };
            let __ret: u32 = '__body: {
                '__dispatch: loop {
                    match __state.as_mut().project() {
                        __PinnedFutureProject::Start { .. } => {
                            let __PinnedFutureReplace::Start { fut: fut } = __state
                                .as_mut()
                                .project_replace(__PinnedFuture::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let fut = fut;
                                {
                                    let __pin___pinned0_1 = ::stackless::__private::Pinned::init(
                                        unsafe {
                                            ::stackless::__private::Pinned::vacant(__frame.at0())
                                        },
                                        fut,
                                    );
                                    let fut = unsafe {
                                        ::stackless::__private::pin_slot(&__pin___pinned0_1)
                                    };
                                    {
                                        let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                            fut,
                                        );
                                        __state
                                            .set(__PinnedFuture::Await0 {
                                                __trace: {
                                                    use ::stackless::__private::{
                                                        ProbeOpaque as _, ProbeTraced as _,
                                                    };
                                                    (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                },
                                                __fut: __f,
                                            });
                                        ::stackless::__private::core::mem::forget(
                                            __pin___pinned0_1,
                                        );
                                        continue '__dispatch;
                                    };
                                };
                            }
                        }
                        __PinnedFutureProject::Await0 { __fut: __fut, .. } => {
                            let __ready = match ::stackless::__private::core::future::Future::poll(
                                __fut,
                                __arg,
                            ) {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let __PinnedFutureTake::Await0 {
                                __fut: __fut,
                                __trace: _,
                            } = __state.as_mut().take(__PinnedFuture::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            break '__body {
                                let __value: u32 = {
                                    let __pin___pinned0_1 = unsafe {
                                        ::stackless::__private::Pinned::resume(__frame.at0())
                                    };
                                    {
                                        ::stackless::__private::core::mem::drop(__fut);
                                        __ready
                                    }
                                };
                                __value
                            };
                        }
                        __PinnedFutureProject::Running | __PinnedFutureProject::Done => {
                            return ::stackless::__private::Step::stopped(
                                __PinnedFutureStep::running(&__state),
                                &[
                                    "coroutine `pinned_future` resumed after completion",
                                    "coroutine `pinned_future` resumed after panicking",
                                ],
                            );
                        }
                    }
                }
            };
            __state.set(__PinnedFuture::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |__frame| {
            let mut __state = unsafe { __frame.state() };
            #[allow(unused_variables)]
            match __state.as_mut().take(__PinnedFuture::Done) {
                __PinnedFutureTake::Await0 { __fut: __fut, __trace: _ } => {
                    let __pin___pinned0_1 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
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

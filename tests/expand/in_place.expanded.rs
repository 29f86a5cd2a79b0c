#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn tally(
    n: u32,
) -> impl ::stackless::__private::core::future::Future<
    Output = usize,
> + ::stackless::__private::Trace {
    ::stackless::__private::pin_project! {
        #[project = __TallyProject] #[project_replace = __TallyReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __Tally < T0, F1, K2, T3, T4 > { Start { n : T0, }, Await0 { #[pin] __fut : F1,
        __trace : K2, __iter1 : T3, seen : T4, }, __NoNicheAwait0 { __fut :
        ::stackless::__private::core::mem::MaybeUninit < F1 >, __trace :
        ::stackless::__private::core::mem::MaybeUninit < K2 >, __iter1 :
        ::stackless::__private::core::mem::MaybeUninit < T3 >, seen :
        ::stackless::__private::core::mem::MaybeUninit < T4 >, }, Running, Done, }
    }
    impl<T0, F1, K2, T3, T4> ::stackless::__private::StateTrace
    for __Tally<T0, F1, K2, T3, T4>
    where
        K2: ::stackless::__private::TraceKind<F1>,
    {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "tally",
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
                Self::Running | Self::__NoNicheAwait0 { .. } => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::parked_future(
        __Tally::Start { n },
        |mut __s| __s.set(__Tally::Running),
        |mut __state, __arg: &mut ::stackless::__private::core::task::Context<'_>| {
            let __ret: usize = '__body: {
                '__dispatch: loop {
                    match __state.as_mut().project() {
                        __TallyProject::Start { .. } => {
                            let __TallyReplace::Start { n: n } = __state
                                .as_mut()
                                .project_replace(__Tally::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            ::stackless::__private::cold_path();
                            break '__body {
                                let n = n;
                                let __value: usize = {
                                    let mut __res_seen = Vec::new();
                                    #[allow(unused_variables)]
                                    let seen = &mut __res_seen;
                                    {
                                        let mut __res___iter1 = ::stackless::__private::core::iter::IntoIterator::into_iter(
                                            0..n,
                                        );
                                        #[allow(unused_variables)]
                                        let __iter1 = &mut __res___iter1;
                                        '__loop0: {
                                            match ::stackless::__private::core::iter::Iterator::next(
                                                &mut *__iter1,
                                            ) {
                                                ::stackless::__private::core::option::Option::None => {
                                                    break '__loop0;
                                                }
                                                ::stackless::__private::core::option::Option::Some(i) => {
                                                    {
                                                        let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                            next_value(i),
                                                        );
                                                        __state
                                                            .set(__Tally::Await0 {
                                                                __trace: ::stackless::__private::in_cell({
                                                                    use ::stackless::__private::{
                                                                        ProbeOpaque as _, ProbeTraced as _,
                                                                    };
                                                                    (&&::stackless::__private::probe(&__f)).__trace_kind()
                                                                }),
                                                                __fut: ::stackless::__private::FutCell::new(__f),
                                                                __iter1: __res___iter1,
                                                                seen: __res_seen,
                                                            });
                                                        continue '__dispatch;
                                                    };
                                                }
                                            };
                                        }
                                    };
                                    (*seen).len()
                                };
                                __value
                            };
                        }
                        __TallyProject::Await0 {
                            __fut: mut __fut,
                            __trace: _,
                            __iter1: __slot___iter1,
                            seen: __slot_seen,
                        } => {
                            let __ready = match unsafe {
                                ::stackless::__private::FutCell::poll_ready(
                                    __fut.as_mut(),
                                    __arg,
                                )
                            } {
                                ::stackless::__private::core::task::Poll::Ready(__v) => __v,
                                ::stackless::__private::core::task::Poll::Pending => {
                                    unsafe {
                                        ::stackless::__private::core::hint::assert_unchecked(
                                            ::stackless::__private::core::matches!(
                                                * ::stackless::__private::state_addr(& __state),
                                                __Tally::Await0 { .. }
                                            ),
                                        )
                                    };
                                    return ::stackless::__private::Step::Yielded(());
                                }
                            };
                            let mut __res_seen;
                            let mut __res___iter1;
                            #[allow(unused_variables)]
                            let mut __iter1 = __slot___iter1;
                            #[allow(unused_variables)]
                            let mut seen = __slot_seen;
                            break '__body {
                                let __value: usize = {
                                    {
                                        {
                                            {
                                                {
                                                    let v = __ready;
                                                    (*seen).push(v);
                                                }
                                            }
                                            '__loop0: {
                                                match ::stackless::__private::core::iter::Iterator::next(
                                                    &mut *__iter1,
                                                ) {
                                                    ::stackless::__private::core::option::Option::None => {
                                                        break '__loop0;
                                                    }
                                                    ::stackless::__private::core::option::Option::Some(i) => {
                                                        {
                                                            let __f = ::stackless::__private::core::future::IntoFuture::into_future(
                                                                next_value(i),
                                                            );
                                                            unsafe {
                                                                ::stackless::__private::FutCell::put(__fut.as_mut(), __f)
                                                            };
                                                            unsafe {
                                                                ::stackless::__private::core::hint::assert_unchecked(
                                                                    ::stackless::__private::core::matches!(
                                                                        * ::stackless::__private::state_addr(& __state),
                                                                        __Tally::Await0 { .. }
                                                                    ),
                                                                )
                                                            };
                                                            continue '__dispatch;
                                                        };
                                                    }
                                                };
                                            }
                                        }
                                    };
                                    let __TallyReplace::Await0 {
                                        __fut: _,
                                        __trace: _,
                                        __iter1: __taken___iter1,
                                        seen: __taken_seen,
                                    } = __state.as_mut().project_replace(__Tally::Running) else {
                                        ::stackless::__private::core::unreachable!()
                                    };
                                    __res___iter1 = __taken___iter1;
                                    ::stackless::__private::discard(__res___iter1);
                                    __res_seen = __taken_seen;
                                    seen = &mut __res_seen;
                                    let _ = &seen;
                                    (*seen).len()
                                };
                                __value
                            };
                        }
                        __TallyProject::Running
                        | __TallyProject::Done
                        | __TallyProject::__NoNicheAwait0 { .. } => {
                            return ::stackless::__private::Step::stopped(
                                ::stackless::__private::core::matches!(
                                    * __state, __Tally::Running
                                ),
                                &[
                                    "coroutine `tally` resumed after completion",
                                    "coroutine `tally` resumed after panicking",
                                ],
                            );
                        }
                    }
                }
            };
            __state.set(__Tally::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |mut __s| match __s.as_mut().project() {
            __TallyProject::Await0 { __fut: __fut, .. } => {
                unsafe { ::stackless::__private::FutCell::drop_live(__fut) };
            }
            _ => {}
        },
    );
    __machine
}
#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn walk(
    nodes: &[Node],
) -> impl Iterator<Item = u64> + '_ + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Walk<T0, T1, T2> {
        Start { nodes: T0 },
        Yield0 { i: T1, stack: T2, nodes: T0 },
        __NoNicheYield0 {
            i: ::stackless::__private::core::mem::MaybeUninit<T1>,
            stack: ::stackless::__private::core::mem::MaybeUninit<T2>,
            nodes: ::stackless::__private::core::mem::MaybeUninit<T0>,
        },
        Running,
        Done,
    }
    impl<T0, T1, T2> ::stackless::__private::core::marker::Unpin for __Walk<T0, T1, T2> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1, T2> ::stackless::__private::StateTrace for __Walk<T0, T1, T2> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "walk",
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
                Self::Yield0 { .. } => __POINTS.yielded(0usize),
                Self::Running | Self::__NoNicheYield0 { .. } => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::parked_generator(
        __Walk::Start { nodes },
        |mut __s| __s.set(__Walk::Running),
        |mut __state, __arg: ()| {
            let __ret: () = '__body: {
                let mut __pass = false;
                loop {
                    if __pass {
                        if let __Walk::Start { .. } = __state.as_mut().project() {
                            break '__body {
                                let __Walk::Start { nodes: nodes } = __state
                                    .as_mut()
                                    .project_replace(__Walk::Running) else {
                                    ::stackless::__private::core::unreachable!()
                                };
                                ::stackless::__private::cold_path();
                                ::stackless::__private::discard(__arg);
                                {
                                    let mut __res_nodes = nodes;
                                    #[allow(unused_variables)]
                                    let nodes = &__res_nodes;
                                    let __value: () = {
                                        let mut __res_stack = vec![0usize];
                                        #[allow(unused_variables)]
                                        let stack = &mut __res_stack;
                                        '__loop0: {
                                            if let Some(i) = (*stack).pop() {
                                                {
                                                    let __y: u64 = (*nodes)[i].val;
                                                    __state
                                                        .set(__Walk::Yield0 {
                                                            i: ::stackless::__private::Taken::new(i),
                                                            stack: __res_stack,
                                                            nodes: __res_nodes,
                                                        });
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            } else {
                                                break '__loop0;
                                            };
                                        }
                                    };
                                    __value
                                }
                            };
                        }
                    } else if let __Walk::Yield0 {
                        i: __cell_i,
                        stack: __slot_stack,
                        nodes: __slot_nodes,
                    } = __state.as_mut().project()
                    {
                        break '__body {
                            #[allow(unused_variables)]
                            let mut stack = __slot_stack;
                            #[allow(unused_variables)]
                            let mut nodes: &_ = __slot_nodes;
                            {
                                let __value: () = {
                                    {
                                        {
                                            {
                                                let i = unsafe {
                                                    ::stackless::__private::Taken::take(__cell_i)
                                                };
                                                ::stackless::__private::discard(__arg);
                                                (*stack).extend((*nodes)[i].children.iter().copied());
                                            }
                                        }
                                        '__loop0: {
                                            if let Some(i) = (*stack).pop() {
                                                {
                                                    let __y: u64 = (*nodes)[i].val;
                                                    ::stackless::__private::Taken::put(__cell_i, i);
                                                    unsafe {
                                                        ::stackless::__private::core::hint::assert_unchecked(
                                                            ::stackless::__private::core::matches!(
                                                                * ::stackless::__private::state_addr(& __state),
                                                                __Walk::Yield0 { .. }
                                                            ),
                                                        )
                                                    };
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            } else {
                                                break '__loop0;
                                            };
                                        }
                                    }
                                };
                                __value
                            }
                        }
                    }
                    if __pass {
                        return ::stackless::__private::Step::stopped(
                            ::stackless::__private::core::matches!(
                                * __state, __Walk::Running
                            ),
                            &[
                                "coroutine `walk` resumed after completion",
                                "coroutine `walk` resumed after panicking",
                            ],
                        );
                    }
                    __pass = true;
                }
            };
            __state.set(__Walk::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |mut __s| match __s.as_mut().project() {
            __Walk::Yield0 { i: i, .. } => {
                unsafe { ::stackless::__private::Taken::drop_live(i) };
            }
            _ => {}
        },
    );
    __machine
}
#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn scaled(
    rows: Vec<Vec<u32>>,
    k: u32,
) -> impl Iterator<Item = u32> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    let __witness = ::stackless::__private::Witness::<(), u32, ()>::new();
    if false {
        #[allow(clippy::async_yields_async)]
        __witness
            .body(async move {
                let rows = rows;
                let k = k;
                let __r: () = {
                    for r in 0..rows.len() {
                        for y in rows[r].iter().map(|x| x * k) {
                            {
                                __witness.yielded(::stackless::__private::expect::<u32>(y));
                                __witness.resume().await
                            };
                        }
                    }
                };
                #[allow(unreachable_code)]
                let __r = __r;
                __r
            });
        ::stackless::__private::core::unreachable!();
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Scaled {
        Start,
        Yield0,
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ScaledProject<'__a> {
        Start,
        Yield0,
        Running,
        Done,
        __Borrow(::stackless::__private::core::marker::PhantomData<&'__a ()>),
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ScaledReplace {
        Start,
        Yield0,
        Running,
        Done,
    }
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __ScaledTake<'__a> {
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
    enum __ScaledTag {
        Start,
        Yield0,
        Running,
        Done,
    }
    #[allow(dead_code, non_snake_case)]
    union __ScaledVars {
        __none: (),
    }
    impl ::stackless::__private::core::marker::Unpin for __ScaledVars {}
    #[allow(dead_code)]
    trait __ScaledStep<'__a> {
        fn project(self) -> __ScaledProject<'__a>;
        fn project_replace(self, __new: __Scaled) -> __ScaledReplace;
        fn set(&mut self, __new: __Scaled);
        fn running(&self) -> bool;
        fn take(self, __new: __Scaled) -> __ScaledTake<'__a>;
        /// Writes a new value. Safety: the state holds nothing (its tag says `Running`).
        unsafe fn put(&mut self, __new: __Scaled);
    }
    #[allow(unused_variables)]
    impl<'__a, __N0_, __N1_, __N2_, __N3_, __K_> __ScaledStep<'__a>
    for ::stackless::__private::State<
        '__a,
        ::stackless::__private::Head4<
            __N0_,
            __N1_,
            __N2_,
            __N3_,
            __K_,
            __ScaledTag,
            __ScaledVars,
        >,
    > {
        #[inline(always)]
        fn project(self) -> __ScaledProject<'__a> {
            let (__vars, __h) = (self.vars(), self.head());
            unsafe {
                match self.tag() {
                    __ScaledTag::Start => __ScaledProject::Start,
                    __ScaledTag::Yield0 => __ScaledProject::Yield0,
                    __ScaledTag::Running => __ScaledProject::Running,
                    __ScaledTag::Done => __ScaledProject::Done,
                }
            }
        }
        #[inline(always)]
        fn project_replace(mut self, __new: __Scaled) -> __ScaledReplace {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__ScaledTag::Running);
                match __old {
                    __ScaledTag::Start => __ScaledReplace::Start,
                    __ScaledTag::Yield0 => __ScaledReplace::Yield0,
                    __ScaledTag::Running => __ScaledReplace::Running,
                    __ScaledTag::Done => __ScaledReplace::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        fn set(&mut self, __new: __Scaled) {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            unsafe {
                self.set_tag(__ScaledTag::Running);
                match __old {
                    _ => {}
                }
                self.put(__new);
            }
        }
        #[inline(always)]
        fn running(&self) -> bool {
            ::stackless::__private::core::matches!(self.tag(), __ScaledTag::Running)
        }
        /// As `project_replace`, but the pinned fields are handed over as guards that
        /// drop them where they are, when the caller is ready (the machine's `Drop`, and
        /// a resumed await, once the locals the future borrowed have owners again). The
        /// new value has no fields (`Running`, `Done`): the guards' fields stay put.
        #[inline(always)]
        fn take(mut self, __new: __Scaled) -> __ScaledTake<'__a> {
            let (__vars, __h) = (self.vars(), self.head());
            let __old = self.tag();
            let __out = unsafe {
                self.set_tag(__ScaledTag::Running);
                match __old {
                    __ScaledTag::Start => __ScaledTake::Start,
                    __ScaledTag::Yield0 => __ScaledTake::Yield0,
                    __ScaledTag::Running => __ScaledTake::Running,
                    __ScaledTag::Done => __ScaledTake::Done,
                }
            };
            unsafe { self.put(__new) };
            __out
        }
        #[inline(always)]
        unsafe fn put(&mut self, __new: __Scaled) {
            unsafe {
                let (__vars, __h) = (self.vars(), self.head());
                let __new = match __new {
                    __Scaled::Start => __ScaledTag::Start,
                    __Scaled::Yield0 => __ScaledTag::Yield0,
                    __Scaled::Running => __ScaledTag::Running,
                    __Scaled::Done => __ScaledTag::Done,
                };
                self.set_tag(__new);
            }
        }
    }
    impl ::stackless::__private::VarsTrace<__ScaledTag> for __ScaledVars {
        #[allow(unused_variables)]
        unsafe fn vars_level(
            &self,
            __tag: __ScaledTag,
        ) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "scaled",
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
                    __ScaledTag::Start => __POINTS.not_started(),
                    __ScaledTag::Yield0 => __POINTS.yielded(0usize),
                    __ScaledTag::Running => __POINTS.panicked(),
                    __ScaledTag::Done => __POINTS.done(),
                }
            }
        }
    }
    #[allow(unused_mut, unused_unsafe, unknown_lints, dangerous_implicit_autorefs)]
    let __machine = ::stackless::__private::framed_generator(
        ::stackless::__private::Frame::<
            ::stackless::__private::Head4<
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<_>,
                ::stackless::__private::Leaf<_>,
                (),
                _,
                _,
            >,
            ::stackless::__private::Fixed,
        >::with_state(__ScaledTag::Start, __ScaledVars { __none: () })
            .set0(rows)
            .set1(k),
        |__frame, __arg: ()| {
            let mut __state = unsafe { __frame.state() };
            let __ret: () = {
                match __state.as_mut().project_replace(__Scaled::Running) {
                    __ScaledReplace::Start => {
                        ::stackless::__private::discard(__arg);
                        {
                            let __pin_rows_0 = unsafe {
                                ::stackless::__private::Pinned::resume(__frame.at0())
                            };
                            let __pin_k_1 = unsafe {
                                ::stackless::__private::Pinned::resume(__frame.at1())
                            };
                            let __value: () = {
                                {
                                    let __pin___iter1_2 = ::stackless::__private::Pinned::init(
                                        unsafe {
                                            ::stackless::__private::Pinned::vacant(__frame.at2())
                                        },
                                        ::stackless::__private::core::iter::IntoIterator::into_iter(
                                            0..(**unsafe {
                                                ::stackless::__private::Place::reach(
                                                    &mut __pin_rows_0.__place_auto(),
                                                )
                                            })
                                                .len(),
                                        ),
                                    );
                                    '__loop0: loop {
                                        match ::stackless::__private::core::iter::Iterator::next(unsafe {
                                            __pin___iter1_2.__place_mut()
                                        }) {
                                            ::stackless::__private::core::option::Option::None => {
                                                break '__loop0;
                                            }
                                            ::stackless::__private::core::option::Option::Some(r) => {
                                                let __pin___iter2_4 = ::stackless::__private::Pinned::init(
                                                    unsafe {
                                                        ::stackless::__private::Pinned::vacant(__frame.at3())
                                                    },
                                                    ::stackless::__private::alt_first(
                                                        ::stackless::__private::core::iter::IntoIterator::into_iter(
                                                            (**unsafe {
                                                                ::stackless::__private::Place::reach(
                                                                    &mut __pin_rows_0.__place_auto(),
                                                                )
                                                            })[r]
                                                                .iter()
                                                                .map({
                                                                    let __pin_k_1 = unsafe { __pin_k_1.__handle() };
                                                                    move |x| x * (*unsafe { __pin_k_1.__place() })
                                                                }),
                                                        ),
                                                    ),
                                                );
                                                '__loop1: {
                                                    match ::stackless::__private::core::iter::Iterator::next(unsafe {
                                                        __pin___iter2_4.__place_mut()
                                                    }) {
                                                        ::stackless::__private::core::option::Option::None => {
                                                            break '__loop1;
                                                        }
                                                        ::stackless::__private::core::option::Option::Some(y) => {
                                                            {
                                                                let __y: u32 = y;
                                                                __state.set(__Scaled::Yield0);
                                                                ::stackless::__private::core::mem::forget(__pin_rows_0);
                                                                ::stackless::__private::core::mem::forget(__pin_k_1);
                                                                ::stackless::__private::core::mem::forget(__pin___iter1_2);
                                                                ::stackless::__private::core::mem::forget(__pin___iter2_4);
                                                                return ::stackless::__private::Step::Yielded(__y);
                                                            };
                                                        }
                                                    };
                                                }
                                            }
                                        }
                                    }
                                }
                            };
                            __value
                        }
                    }
                    __ScaledReplace::Yield0 => {
                        let __pin_rows_0 = unsafe {
                            ::stackless::__private::Pinned::resume(__frame.at0())
                        };
                        let __pin_k_1 = unsafe {
                            ::stackless::__private::Pinned::resume(__frame.at1())
                        };
                        let __value: () = {
                            {
                                let __pin___iter1_2 = unsafe {
                                    ::stackless::__private::Pinned::resume(__frame.at2())
                                };
                                {
                                    {
                                        {
                                            {
                                                let __pin___iter2_4 = unsafe {
                                                    ::stackless::__private::Pinned::resume(__frame.at3())
                                                };
                                                {
                                                    {
                                                        {
                                                            ::stackless::__private::discard(__arg);
                                                        }
                                                    }
                                                    '__loop1: {
                                                        match ::stackless::__private::core::iter::Iterator::next(unsafe {
                                                            __pin___iter2_4.__place_mut()
                                                        }) {
                                                            ::stackless::__private::core::option::Option::None => {
                                                                break '__loop1;
                                                            }
                                                            ::stackless::__private::core::option::Option::Some(y) => {
                                                                {
                                                                    let __y: u32 = y;
                                                                    __state.set(__Scaled::Yield0);
                                                                    ::stackless::__private::core::mem::forget(__pin_rows_0);
                                                                    ::stackless::__private::core::mem::forget(__pin_k_1);
                                                                    ::stackless::__private::core::mem::forget(__pin___iter1_2);
                                                                    ::stackless::__private::core::mem::forget(__pin___iter2_4);
                                                                    return ::stackless::__private::Step::Yielded(__y);
                                                                };
                                                            }
                                                        };
                                                    }
                                                }
                                            }
                                        }
                                    }
                                    '__loop0: loop {
                                        match ::stackless::__private::core::iter::Iterator::next(unsafe {
                                            __pin___iter1_2.__place_mut()
                                        }) {
                                            ::stackless::__private::core::option::Option::None => {
                                                break '__loop0;
                                            }
                                            ::stackless::__private::core::option::Option::Some(r) => {
                                                let __pin___iter2_4 = ::stackless::__private::Pinned::init(
                                                    unsafe {
                                                        ::stackless::__private::Pinned::vacant(__frame.at3())
                                                    },
                                                    ::stackless::__private::alt_second(
                                                        ::stackless::__private::core::iter::IntoIterator::into_iter(
                                                            (**unsafe {
                                                                ::stackless::__private::Place::reach(
                                                                    &mut __pin_rows_0.__place_auto(),
                                                                )
                                                            })[r]
                                                                .iter()
                                                                .map({
                                                                    let __pin_k_1 = unsafe { __pin_k_1.__handle() };
                                                                    move |x| x * (*unsafe { __pin_k_1.__place() })
                                                                }),
                                                        ),
                                                    ),
                                                );
                                                '__loop1: {
                                                    match ::stackless::__private::core::iter::Iterator::next(unsafe {
                                                        __pin___iter2_4.__place_mut()
                                                    }) {
                                                        ::stackless::__private::core::option::Option::None => {
                                                            break '__loop1;
                                                        }
                                                        ::stackless::__private::core::option::Option::Some(y) => {
                                                            {
                                                                let __y: u32 = y;
                                                                __state.set(__Scaled::Yield0);
                                                                ::stackless::__private::core::mem::forget(__pin_rows_0);
                                                                ::stackless::__private::core::mem::forget(__pin_k_1);
                                                                ::stackless::__private::core::mem::forget(__pin___iter1_2);
                                                                ::stackless::__private::core::mem::forget(__pin___iter2_4);
                                                                return ::stackless::__private::Step::Yielded(__y);
                                                            };
                                                        }
                                                    };
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        };
                        __value
                    }
                    __ScaledReplace::Running => {
                        return ::stackless::__private::Step::Poisoned(
                            "coroutine `scaled` resumed after panicking",
                        );
                    }
                    __ScaledReplace::Done => {
                        __state.set(__Scaled::Done);
                        return ::stackless::__private::Step::Done(
                            "coroutine `scaled` resumed after completion",
                        );
                    }
                }
            };
            __state.set(__Scaled::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |__frame| {
            let mut __state = unsafe { __frame.state() };
            #[allow(unused_variables)]
            match __state.as_mut().take(__Scaled::Done) {
                __ScaledTake::Start => {
                    let __pin_k_1 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at1())
                    };
                    let __pin_rows_0 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
                    };
                }
                __ScaledTake::Yield0 => {
                    let __pin_rows_0 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at0())
                    };
                    let __pin_k_1 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at1())
                    };
                    let __pin___iter1_2 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at2())
                    };
                    let __pin___iter2_4 = unsafe {
                        ::stackless::__private::Pinned::resume(__frame.at3())
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
fn labelled(n: u32) -> impl Iterator<Item = String> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Labelled<T0, T1, T2> {
        Start { n: T0 },
        Yield0 { __iter1: T1, name: T2 },
        Running,
        Done,
    }
    impl<T0, T1, T2> ::stackless::__private::core::marker::Unpin
    for __Labelled<T0, T1, T2> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1, T2> ::stackless::__private::StateTrace for __Labelled<T0, T1, T2> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "labelled",
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
                Self::Yield0 { .. } => __POINTS.yielded(0usize),
                Self::Running => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::generator(
        __Labelled::Start { n },
        |mut __state, __arg: ()| {
            let __ret: () = {
                match __state.as_mut().project_replace(__Labelled::Running) {
                    __Labelled::Start { n: n } => {
                        ::stackless::__private::discard(__arg);
                        {
                            let n = n;
                            let __value: () = {
                                let name = String::from("item");
                                let r = &name;
                                {
                                    let mut __iter1 = ::stackless::__private::core::iter::IntoIterator::into_iter(
                                        0..n,
                                    );
                                    '__loop0: {
                                        match ::stackless::__private::core::iter::Iterator::next(
                                            &mut __iter1,
                                        ) {
                                            ::stackless::__private::core::option::Option::None => {
                                                break '__loop0;
                                            }
                                            ::stackless::__private::core::option::Option::Some(i) => {
                                                {
                                                    let __y: String = format!("{r}-{i}");
                                                    let _ = &r;
                                                    __state
                                                        .set(__Labelled::Yield0 {
                                                            __iter1: __iter1,
                                                            name: name,
                                                        });
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            }
                                        };
                                    }
                                }
                            };
                            __value
                        }
                    }
                    __Labelled::Yield0 { __iter1: __iter1, name: name } => {
                        let __value: () = {
                            let name = name;
                            #[allow(unused_variables)]
                            let r = &name;
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
                                            ::stackless::__private::core::option::Option::Some(i) => {
                                                {
                                                    let __y: String = format!("{r}-{i}");
                                                    let _ = &r;
                                                    __state
                                                        .set(__Labelled::Yield0 {
                                                            __iter1: __iter1,
                                                            name: name,
                                                        });
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            }
                                        };
                                    }
                                }
                            }
                        };
                        __value
                    }
                    __Labelled::Running => {
                        return ::stackless::__private::Step::Poisoned(
                            "coroutine `labelled` resumed after panicking",
                        );
                    }
                    __Labelled::Done => {
                        __state.set(__Labelled::Done);
                        return ::stackless::__private::Step::Done(
                            "coroutine `labelled` resumed after completion",
                        );
                    }
                }
            };
            __state.set(__Labelled::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

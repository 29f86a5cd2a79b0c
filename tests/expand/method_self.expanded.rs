impl Tree {
    #[allow(refining_impl_trait, clippy::multiple_bound_locations)]
    fn walk(&self) -> impl Iterator<Item = u32> + '_ + ::stackless::__private::Trace {
        yield_!(@ __stackless_used);
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
        enum __Walk<T0, T1> {
            Start { __self: T0 },
            Yield0 { __self: T0 },
            Yield1 { __iter1: T1 },
            __NoNicheYield1 {
                __iter1: ::stackless::__private::core::mem::MaybeUninit<T1>,
            },
            Running,
            Done,
        }
        impl<T0, T1> ::stackless::__private::core::marker::Unpin for __Walk<T0, T1> {}
        #[allow(unused_imports)]
        use ::stackless::__private::Unpinned as _;
        impl<T0, T1> ::stackless::__private::StateTrace for __Walk<T0, T1> {
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
                        (
                            ::stackless::__private::core::line!(),
                            ::stackless::__private::core::column!(),
                        ),
                    ],
                };
                match self {
                    Self::Start { .. } => __POINTS.not_started(),
                    Self::Yield0 { .. } => __POINTS.yielded(0usize),
                    Self::Yield1 { .. } => __POINTS.yielded(1usize),
                    Self::Running | Self::__NoNicheYield1 { .. } => __POINTS.panicked(),
                    Self::Done => __POINTS.done(),
                }
            }
        }
        #[allow(unused_mut, unused_unsafe)]
        let __machine = ::stackless::__private::resident_generator(
            __Walk::Start { __self: self },
            |mut __s| __s.set(__Walk::Running),
            |mut __state, __arg: ()| {
                let __ret: () = {
                    match __state.as_mut().project() {
                        __Walk::Start { .. } => {
                            let __Walk::Start { __self: __self } = __state
                                .as_mut()
                                .project_replace(__Walk::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            ::stackless::__private::cold_path();
                            ::stackless::__private::discard(__arg);
                            {
                                let __self = __self;
                                {
                                    {
                                        let __y: u32 = __self.value;
                                        __state.set(__Walk::Yield0 { __self: __self });
                                        return ::stackless::__private::Step::Yielded(__y);
                                    };
                                };
                            }
                        }
                        __Walk::Yield0 { .. } => {
                            let __Walk::Yield0 { __self: __self } = __state
                                .as_mut()
                                .project_replace(__Walk::Running) else {
                                ::stackless::__private::core::unreachable!()
                            };
                            {
                                let __self = __self;
                                let __value: () = {
                                    ::stackless::__private::discard(__arg);
                                    {
                                        let mut __res___iter1 = ::stackless::__private::core::iter::IntoIterator::into_iter(
                                            &__self.children,
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
                                                ::stackless::__private::core::option::Option::Some(
                                                    child,
                                                ) => {
                                                    {
                                                        let __y: u32 = child.value;
                                                        __state
                                                            .set(__Walk::Yield1 {
                                                                __iter1: __res___iter1,
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
                        __Walk::Yield1 { __iter1: __slot___iter1 } => {
                            let mut __res___iter1;
                            #[allow(unused_variables)]
                            let mut __iter1 = __slot___iter1;
                            {
                                let __value: () = {
                                    let __tail = {
                                        {
                                            {
                                                {
                                                    ::stackless::__private::discard(__arg);
                                                }
                                            }
                                            '__loop0: {
                                                match ::stackless::__private::core::iter::Iterator::next(
                                                    &mut *__iter1,
                                                ) {
                                                    ::stackless::__private::core::option::Option::None => {
                                                        break '__loop0;
                                                    }
                                                    ::stackless::__private::core::option::Option::Some(
                                                        child,
                                                    ) => {
                                                        {
                                                            let __y: u32 = child.value;
                                                            unsafe {
                                                                ::stackless::__private::core::hint::assert_unchecked(
                                                                    ::stackless::__private::core::matches!(
                                                                        * ::stackless::__private::state_addr(& __state),
                                                                        __Walk::Yield1 { .. }
                                                                    ),
                                                                )
                                                            };
                                                            return ::stackless::__private::Step::Yielded(__y);
                                                        };
                                                    }
                                                };
                                            }
                                        }
                                    };
                                    let __Walk::Yield1 { __iter1: __taken___iter1 } = __state
                                        .as_mut()
                                        .project_replace(__Walk::Running) else {
                                        ::stackless::__private::core::unreachable!()
                                    };
                                    __res___iter1 = __taken___iter1;
                                    ::stackless::__private::discard(__res___iter1);
                                    __tail
                                };
                                __value
                            }
                        }
                        __Walk::Running
                        | __Walk::Done
                        | __Walk::__NoNicheYield1 { .. } => {
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
                    }
                };
                __state.set(__Walk::Done);
                ::stackless::__private::Step::Complete(__ret)
            },
        );
        __machine
    }
}

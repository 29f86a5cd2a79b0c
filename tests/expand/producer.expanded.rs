use stackless::yield_;
/// The resume benchmark's producer (benches/producer.rs).
#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
pub fn producer(n: u64) -> impl Iterator<Item = u64> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Producer<T0, T1, T2> {
        Start { n: T0 },
        Yield0 { i: T1, s: T2, n: T0 },
        __NoNicheYield0 {
            i: ::stackless::__private::core::mem::MaybeUninit<T1>,
            s: ::stackless::__private::core::mem::MaybeUninit<T2>,
            n: ::stackless::__private::core::mem::MaybeUninit<T0>,
        },
        Running,
        Done,
    }
    impl<T0, T1, T2> ::stackless::__private::core::marker::Unpin
    for __Producer<T0, T1, T2> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1, T2> ::stackless::__private::StateTrace for __Producer<T0, T1, T2> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "producer",
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
                Self::Running | Self::__NoNicheYield0 { .. } => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::resident_generator(
        __Producer::Start { n },
        |mut __s| __s.set(__Producer::Running),
        |mut __state, __arg: ()| {
            let __ret: () = '__body: {
                let mut __pass = false;
                loop {
                    if __pass {
                        if let __Producer::Start { .. } = __state.as_mut().project() {
                            break '__body {
                                let __Producer::Start { n: n } = __state
                                    .as_mut()
                                    .project_replace(__Producer::Running) else {
                                    ::stackless::__private::core::unreachable!()
                                };
                                ::stackless::__private::cold_path();
                                ::stackless::__private::discard(__arg);
                                {
                                    let mut __res_n = n;
                                    #[allow(unused_variables)]
                                    let n = &__res_n;
                                    let __value: () = {
                                        let mut __res_s = String::from("state");
                                        #[allow(unused_variables)]
                                        let s = &mut __res_s;
                                        let mut __res_i = 0;
                                        #[allow(unused_variables)]
                                        let i = &mut __res_i;
                                        '__loop0: {
                                            if (*i) < (*n) {
                                                if (*i) % 3 == 0 {
                                                    {
                                                        let __y: u64 = (*i) + (*s).len() as u64;
                                                        __state
                                                            .set(__Producer::Yield0 {
                                                                i: __res_i,
                                                                s: __res_s,
                                                                n: __res_n,
                                                            });
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                } else {
                                                    {
                                                        let __y: u64 = (*i) * 2;
                                                        __state
                                                            .set(__Producer::Yield0 {
                                                                i: __res_i,
                                                                s: __res_s,
                                                                n: __res_n,
                                                            });
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
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
                    } else if let __Producer::Yield0 {
                        i: __slot_i,
                        s: __slot_s,
                        n: __slot_n,
                    } = __state.as_mut().project()
                    {
                        break '__body {
                            #[allow(unused_variables)]
                            let mut i = __slot_i;
                            #[allow(unused_variables)]
                            let mut s = __slot_s;
                            #[allow(unused_variables)]
                            let mut n: &_ = __slot_n;
                            {
                                let __value: () = {
                                    {
                                        {
                                            {
                                                {
                                                    ::stackless::__private::discard(__arg);
                                                };
                                                if (*i) % 1000 == 999 {
                                                    (*s).push('x');
                                                }
                                                (*i) += 1;
                                            }
                                        }
                                        '__loop0: {
                                            if (*i) < (*n) {
                                                if (*i) % 3 == 0 {
                                                    {
                                                        let __y: u64 = (*i) + (*s).len() as u64;
                                                        unsafe {
                                                            ::stackless::__private::core::hint::assert_unchecked(
                                                                ::stackless::__private::core::matches!(
                                                                    * ::stackless::__private::state_addr(& __state),
                                                                    __Producer::Yield0 { .. }
                                                                ),
                                                            )
                                                        };
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                } else {
                                                    {
                                                        let __y: u64 = (*i) * 2;
                                                        unsafe {
                                                            ::stackless::__private::core::hint::assert_unchecked(
                                                                ::stackless::__private::core::matches!(
                                                                    * ::stackless::__private::state_addr(& __state),
                                                                    __Producer::Yield0 { .. }
                                                                ),
                                                            )
                                                        };
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
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
                                * __state, __Producer::Running
                            ),
                            &[
                                "coroutine `producer` resumed after completion",
                                "coroutine `producer` resumed after panicking",
                            ],
                        );
                    }
                    __pass = true;
                }
            };
            __state.set(__Producer::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

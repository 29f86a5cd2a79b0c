#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn guard_and_dead(
    lock: &Mutex<u32>,
) -> impl Iterator<Item = u32> + '_ + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __GuardAndDead<T0, T1, T2> {
        Start { lock: T0 },
        Yield0 { n: T1, _guard: T2 },
        Yield1 { _guard: T2 },
        Running,
        Done,
    }
    impl<T0, T1, T2> ::stackless::__private::core::marker::Unpin
    for __GuardAndDead<T0, T1, T2> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1, T2> ::stackless::__private::StateTrace for __GuardAndDead<T0, T1, T2> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "guard_and_dead",
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
                Self::Running => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::generator(
        __GuardAndDead::Start { lock },
        |mut __state, __arg: ()| {
            let __ret: () = {
                match __state.as_mut().project_replace(__GuardAndDead::Running) {
                    __GuardAndDead::Start { lock: lock } => {
                        ::stackless::__private::discard(__arg);
                        {
                            let lock = lock;
                            let _guard = lock.lock().unwrap();
                            let buf = [0u8; 4096];
                            let n = checksum(&buf);
                            {
                                let __y: u32 = n;
                                __state
                                    .set(__GuardAndDead::Yield0 {
                                        n: n,
                                        _guard: {
                                            use ::stackless::__private::{
                                                HoldRefAny as _, HoldRefCopy as _,
                                            };
                                            let __hold = ::stackless::__private::HoldRef(&_guard);
                                            let __kept = unsafe {
                                                (&__hold).__hold_kind().take(__hold)
                                            };
                                            if ::stackless::__private::needs_drop_of(&_guard) {
                                                ::stackless::__private::forget_taken(_guard);
                                            }
                                            __kept
                                        },
                                    });
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        }
                    }
                    __GuardAndDead::Yield0 { n: n, _guard: _guard } => {
                        let _guard = _guard;
                        let n = n;
                        ::stackless::__private::discard(__arg);
                        {
                            let __y: u32 = n + 1;
                            __state
                                .set(__GuardAndDead::Yield1 {
                                    _guard: _guard,
                                });
                            return ::stackless::__private::Step::Yielded(__y);
                        };
                    }
                    __GuardAndDead::Yield1 { _guard: _guard } => {
                        let _guard = _guard;
                        ::stackless::__private::discard(__arg);
                    }
                    __GuardAndDead::Running => {
                        return ::stackless::__private::Step::Poisoned(
                            "coroutine `guard_and_dead` resumed after panicking",
                        );
                    }
                    __GuardAndDead::Done => {
                        __state.set(__GuardAndDead::Done);
                        return ::stackless::__private::Step::Done(
                            "coroutine `guard_and_dead` resumed after completion",
                        );
                    }
                }
            };
            __state.set(__GuardAndDead::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

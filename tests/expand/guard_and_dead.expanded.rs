fn guard_and_dead(lock: &Mutex<u32>) -> impl Iterator<Item = u32> + '_ {
    yield_!(@ __stackless_used);
    ::stackless::__private::pin_project! {
        #[project = __GuardAndDeadProject] #[project_replace = __GuardAndDeadReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __GuardAndDead < T0, T1, T2 > { Start { lock : T0, }, Yield0 { n : T1, _guard :
        T2, }, Yield1 { _guard : T2, }, __NoNicheYield1 { _guard :
        ::stackless::__private::core::mem::MaybeUninit < T2 >, }, Running, Done, }
    }
    #[allow(unused_mut)]
    let __machine = ::stackless::__private::resident_generator(
        __GuardAndDead::Start { lock },
        |mut __s| __s.set(__GuardAndDead::Running),
        |mut __state, __arg: ()| {
            let __ret: () = {
                match __state.as_mut().project() {
                    __GuardAndDeadProject::Start { .. } => {
                        let __GuardAndDeadReplace::Start { lock: lock } = __state
                            .as_mut()
                            .project_replace(__GuardAndDead::Running) else {
                            ::stackless::__private::core::unreachable!()
                        };
                        ::stackless::__private::cold_path();
                        ::stackless::__private::discard(__arg);
                        {
                            let lock = lock;
                            let mut __res__guard = lock.lock().unwrap();
                            #[allow(unused_variables)]
                            let _guard = &__res__guard;
                            let buf = [0u8; 4096];
                            let n = checksum(&buf);
                            {
                                let __y: u32 = n;
                                __state
                                    .set(__GuardAndDead::Yield0 {
                                        n: n,
                                        _guard: __res__guard,
                                    });
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        }
                    }
                    __GuardAndDeadProject::Yield0 { .. } => {
                        let __GuardAndDeadReplace::Yield0 { n: n, _guard: _guard } = __state
                            .as_mut()
                            .project_replace(__GuardAndDead::Running) else {
                            ::stackless::__private::core::unreachable!()
                        };
                        {
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
                    }
                    __GuardAndDeadProject::Yield1 { _guard: __slot__guard } => {
                        #[allow(unused_variables)]
                        let mut _guard: &_ = __slot__guard;
                        {
                            ::stackless::__private::discard(__arg);
                        }
                    }
                    __GuardAndDeadProject::Running
                    | __GuardAndDeadProject::Done
                    | __GuardAndDeadProject::__NoNicheYield1 { .. } => {
                        return ::stackless::__private::Step::stopped(
                            ::stackless::__private::core::matches!(
                                * __state, __GuardAndDead::Running
                            ),
                            &[
                                "coroutine `guard_and_dead` resumed after completion",
                                "coroutine `guard_and_dead` resumed after panicking",
                            ],
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

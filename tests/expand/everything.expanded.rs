fn everything(items: Vec<Option<u32>>, stop: u32) -> impl Iterator<Item = u32> {
    yield_!(@ __stackless_used);
    ::stackless::__private::pin_project! {
        #[project = __EverythingProject] #[project_replace = __EverythingReplace]
        #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)] enum
        __Everything < T0, T1, T2, T3, T4, T5 > { Start { items : T0, stop : T1, },
        Yield0 { __iter1 : T2, seen : T3, _guard : T4, stop : T1, }, Yield1 { n : T5,
        __iter1 : T2, seen : T3, _guard : T4, stop : T1, }, Yield2 { __iter1 : T2, seen :
        T3, _guard : T4, stop : T1, }, Yield3 { __iter1 : T2, seen : T3, _guard : T4,
        stop : T1, }, Yield4 { _guard : T4, }, Running, Done, }
    }
    #[allow(unused_mut)]
    let __machine = ::stackless::__private::resident_generator(
        __Everything::Start { items, stop },
        |mut __s| __s.set(__Everything::Running),
        |mut __state, __arg: ()| {
            let __ret: () = {
                match __state.as_mut().project() {
                    __EverythingProject::Start { .. } => {
                        let __EverythingReplace::Start { items: items, stop: stop } = __state
                            .as_mut()
                            .project_replace(__Everything::Running) else {
                            ::core::unreachable!()
                        };
                        ::stackless::__private::cold_path();
                        ::stackless::__private::discard(__arg);
                        {
                            let items = items;
                            let stop = stop;
                            let mut __res__guard = String::from("guard");
                            #[allow(unused_variables)]
                            let _guard = &__res__guard;
                            let mut seen = 0;
                            {
                                let mut __iter1 = ::core::iter::IntoIterator::into_iter(
                                    items,
                                );
                                'outer: loop {
                                    match ::core::iter::Iterator::next(&mut __iter1) {
                                        ::core::option::Option::None => {
                                            break 'outer;
                                        }
                                        ::core::option::Option::Some(item) => {
                                            let x = match item {
                                                Some(x) => x,
                                                _ => {
                                                    {
                                                        let __y: u32 = 0;
                                                        __state
                                                            .set(__Everything::Yield0 {
                                                                __iter1: __iter1,
                                                                seen: seen,
                                                                _guard: __res__guard,
                                                                stop: stop,
                                                            });
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                }
                                            };
                                            match x {
                                                0 => continue 'outer,
                                                n if n == stop => break 'outer,
                                                n => {
                                                    {
                                                        {
                                                            let __y: u32 = n;
                                                            __state
                                                                .set(__Everything::Yield1 {
                                                                    n: n,
                                                                    __iter1: __iter1,
                                                                    seen: seen,
                                                                    _guard: __res__guard,
                                                                    stop: stop,
                                                                });
                                                            return ::stackless::__private::Step::Yielded(__y);
                                                        };
                                                    };
                                                }
                                            };
                                        }
                                    };
                                }
                            };
                            {
                                let __y: u32 = seen;
                                __state
                                    .set(__Everything::Yield4 {
                                        _guard: __res__guard,
                                    });
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        }
                    }
                    __EverythingProject::Yield0 { .. } => {
                        let __EverythingReplace::Yield0 {
                            __iter1: __iter1,
                            seen: seen,
                            _guard: _guard,
                            stop: stop,
                        } = __state.as_mut().project_replace(__Everything::Running) else {
                            ::core::unreachable!()
                        };
                        {
                            let stop = stop;
                            let _guard = _guard;
                            let mut seen = seen;
                            {
                                let mut __iter1 = __iter1;
                                {
                                    '__cont0: {
                                        {
                                            {
                                                ::stackless::__private::discard(__arg);
                                                break '__cont0;
                                            };
                                        };
                                    }
                                    'outer: loop {
                                        match ::core::iter::Iterator::next(&mut __iter1) {
                                            ::core::option::Option::None => {
                                                break 'outer;
                                            }
                                            ::core::option::Option::Some(item) => {
                                                let x = match item {
                                                    Some(x) => x,
                                                    _ => {
                                                        {
                                                            let __y: u32 = 0;
                                                            __state
                                                                .set(__Everything::Yield0 {
                                                                    __iter1: __iter1,
                                                                    seen: seen,
                                                                    _guard: _guard,
                                                                    stop: stop,
                                                                });
                                                            return ::stackless::__private::Step::Yielded(__y);
                                                        };
                                                    }
                                                };
                                                match x {
                                                    0 => continue 'outer,
                                                    n if n == stop => break 'outer,
                                                    n => {
                                                        {
                                                            {
                                                                let __y: u32 = n;
                                                                __state
                                                                    .set(__Everything::Yield1 {
                                                                        n: n,
                                                                        __iter1: __iter1,
                                                                        seen: seen,
                                                                        _guard: _guard,
                                                                        stop: stop,
                                                                    });
                                                                return ::stackless::__private::Step::Yielded(__y);
                                                            };
                                                        };
                                                    }
                                                };
                                            }
                                        };
                                    }
                                }
                            };
                            {
                                let __y: u32 = seen;
                                __state
                                    .set(__Everything::Yield4 {
                                        _guard: _guard,
                                    });
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        }
                    }
                    __EverythingProject::Yield1 { .. } => {
                        let __EverythingReplace::Yield1 {
                            n: n,
                            __iter1: __iter1,
                            seen: seen,
                            _guard: _guard,
                            stop: stop,
                        } = __state.as_mut().project_replace(__Everything::Running) else {
                            ::core::unreachable!()
                        };
                        {
                            let stop = stop;
                            let _guard = _guard;
                            let mut seen = seen;
                            {
                                let mut __iter1 = __iter1;
                                {
                                    {
                                        {
                                            {
                                                let n = n;
                                                let doubled = '__exit1: {
                                                    {
                                                        ::stackless::__private::discard(__arg);
                                                        break '__exit1 n * 2;
                                                    }
                                                };
                                                if let Some(y) = doubled.checked_sub(1) {
                                                    {
                                                        let __y: u32 = y;
                                                        __state
                                                            .set(__Everything::Yield2 {
                                                                __iter1: __iter1,
                                                                seen: seen,
                                                                _guard: _guard,
                                                                stop: stop,
                                                            });
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                }
                                            };
                                            '__loop2: {
                                                if seen < 2 {
                                                    seen += 1;
                                                    {
                                                        let __y: u32 = seen;
                                                        __state
                                                            .set(__Everything::Yield3 {
                                                                __iter1: __iter1,
                                                                seen: seen,
                                                                _guard: _guard,
                                                                stop: stop,
                                                            });
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                } else {
                                                    break '__loop2;
                                                };
                                            }
                                        }
                                    }
                                    'outer: loop {
                                        match ::core::iter::Iterator::next(&mut __iter1) {
                                            ::core::option::Option::None => {
                                                break 'outer;
                                            }
                                            ::core::option::Option::Some(item) => {
                                                let x = match item {
                                                    Some(x) => x,
                                                    _ => {
                                                        {
                                                            let __y: u32 = 0;
                                                            __state
                                                                .set(__Everything::Yield0 {
                                                                    __iter1: __iter1,
                                                                    seen: seen,
                                                                    _guard: _guard,
                                                                    stop: stop,
                                                                });
                                                            return ::stackless::__private::Step::Yielded(__y);
                                                        };
                                                    }
                                                };
                                                match x {
                                                    0 => continue 'outer,
                                                    n if n == stop => break 'outer,
                                                    n => {
                                                        {
                                                            {
                                                                let __y: u32 = n;
                                                                __state
                                                                    .set(__Everything::Yield1 {
                                                                        n: n,
                                                                        __iter1: __iter1,
                                                                        seen: seen,
                                                                        _guard: _guard,
                                                                        stop: stop,
                                                                    });
                                                                return ::stackless::__private::Step::Yielded(__y);
                                                            };
                                                        };
                                                    }
                                                };
                                            }
                                        };
                                    }
                                }
                            };
                            {
                                let __y: u32 = seen;
                                __state
                                    .set(__Everything::Yield4 {
                                        _guard: _guard,
                                    });
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        }
                    }
                    __EverythingProject::Yield2 { .. } => {
                        let __EverythingReplace::Yield2 {
                            __iter1: __iter1,
                            seen: seen,
                            _guard: _guard,
                            stop: stop,
                        } = __state.as_mut().project_replace(__Everything::Running) else {
                            ::core::unreachable!()
                        };
                        {
                            let stop = stop;
                            let _guard = _guard;
                            let mut seen = seen;
                            {
                                let mut __iter1 = __iter1;
                                {
                                    {
                                        {
                                            {
                                                {
                                                    ::stackless::__private::discard(__arg);
                                                }
                                            };
                                            '__loop2: {
                                                if seen < 2 {
                                                    seen += 1;
                                                    {
                                                        let __y: u32 = seen;
                                                        __state
                                                            .set(__Everything::Yield3 {
                                                                __iter1: __iter1,
                                                                seen: seen,
                                                                _guard: _guard,
                                                                stop: stop,
                                                            });
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                } else {
                                                    break '__loop2;
                                                };
                                            }
                                        }
                                    }
                                    'outer: loop {
                                        match ::core::iter::Iterator::next(&mut __iter1) {
                                            ::core::option::Option::None => {
                                                break 'outer;
                                            }
                                            ::core::option::Option::Some(item) => {
                                                let x = match item {
                                                    Some(x) => x,
                                                    _ => {
                                                        {
                                                            let __y: u32 = 0;
                                                            __state
                                                                .set(__Everything::Yield0 {
                                                                    __iter1: __iter1,
                                                                    seen: seen,
                                                                    _guard: _guard,
                                                                    stop: stop,
                                                                });
                                                            return ::stackless::__private::Step::Yielded(__y);
                                                        };
                                                    }
                                                };
                                                match x {
                                                    0 => continue 'outer,
                                                    n if n == stop => break 'outer,
                                                    n => {
                                                        {
                                                            {
                                                                let __y: u32 = n;
                                                                __state
                                                                    .set(__Everything::Yield1 {
                                                                        n: n,
                                                                        __iter1: __iter1,
                                                                        seen: seen,
                                                                        _guard: _guard,
                                                                        stop: stop,
                                                                    });
                                                                return ::stackless::__private::Step::Yielded(__y);
                                                            };
                                                        };
                                                    }
                                                };
                                            }
                                        };
                                    }
                                }
                            };
                            {
                                let __y: u32 = seen;
                                __state
                                    .set(__Everything::Yield4 {
                                        _guard: _guard,
                                    });
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        }
                    }
                    __EverythingProject::Yield3 { .. } => {
                        let __EverythingReplace::Yield3 {
                            __iter1: __iter1,
                            seen: seen,
                            _guard: _guard,
                            stop: stop,
                        } = __state.as_mut().project_replace(__Everything::Running) else {
                            ::core::unreachable!()
                        };
                        {
                            let stop = stop;
                            let _guard = _guard;
                            let mut seen = seen;
                            {
                                let mut __iter1 = __iter1;
                                {
                                    {
                                        {
                                            {
                                                {
                                                    {
                                                        ::stackless::__private::discard(__arg);
                                                    }
                                                }
                                                '__loop2: {
                                                    if seen < 2 {
                                                        seen += 1;
                                                        {
                                                            let __y: u32 = seen;
                                                            __state
                                                                .set(__Everything::Yield3 {
                                                                    __iter1: __iter1,
                                                                    seen: seen,
                                                                    _guard: _guard,
                                                                    stop: stop,
                                                                });
                                                            return ::stackless::__private::Step::Yielded(__y);
                                                        };
                                                    } else {
                                                        break '__loop2;
                                                    };
                                                }
                                            }
                                        }
                                    }
                                    'outer: loop {
                                        match ::core::iter::Iterator::next(&mut __iter1) {
                                            ::core::option::Option::None => {
                                                break 'outer;
                                            }
                                            ::core::option::Option::Some(item) => {
                                                let x = match item {
                                                    Some(x) => x,
                                                    _ => {
                                                        {
                                                            let __y: u32 = 0;
                                                            __state
                                                                .set(__Everything::Yield0 {
                                                                    __iter1: __iter1,
                                                                    seen: seen,
                                                                    _guard: _guard,
                                                                    stop: stop,
                                                                });
                                                            return ::stackless::__private::Step::Yielded(__y);
                                                        };
                                                    }
                                                };
                                                match x {
                                                    0 => continue 'outer,
                                                    n if n == stop => break 'outer,
                                                    n => {
                                                        {
                                                            {
                                                                let __y: u32 = n;
                                                                __state
                                                                    .set(__Everything::Yield1 {
                                                                        n: n,
                                                                        __iter1: __iter1,
                                                                        seen: seen,
                                                                        _guard: _guard,
                                                                        stop: stop,
                                                                    });
                                                                return ::stackless::__private::Step::Yielded(__y);
                                                            };
                                                        };
                                                    }
                                                };
                                            }
                                        };
                                    }
                                }
                            };
                            {
                                let __y: u32 = seen;
                                __state
                                    .set(__Everything::Yield4 {
                                        _guard: _guard,
                                    });
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        }
                    }
                    __EverythingProject::Yield4 { _guard: _ } => {
                        ::stackless::__private::discard(__arg);
                    }
                    __EverythingProject::Running => {
                        return ::stackless::__private::Step::Poisoned("everything");
                    }
                    __EverythingProject::Done => {
                        ::stackless::__private::cold_path();
                        return ::stackless::__private::Step::Done("everything");
                    }
                }
            };
            __state.set(__Everything::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

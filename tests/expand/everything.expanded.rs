#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn everything(
    items: Vec<Option<u32>>,
    stop: u32,
) -> impl Iterator<Item = u32> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __Everything<T0, T1, T2, T3, T4, T5, T6> {
        Start { items: T0, stop: T1 },
        Yield0 { __iter1: T2, seen: T3, _guard: T4, stop: T1, __point: u8 },
        Yield1 { n: T5, __iter1: T2, seen: T3, _guard: T4, stop: T1 },
        Yield2 { doubled: T6, __iter1: T2, seen: T3, _guard: T4, stop: T1 },
        Yield4 { _guard: T4 },
        __NoNicheYield0 {
            __iter1: ::stackless::__private::core::mem::MaybeUninit<T2>,
            seen: ::stackless::__private::core::mem::MaybeUninit<T3>,
            _guard: ::stackless::__private::core::mem::MaybeUninit<T4>,
            stop: ::stackless::__private::core::mem::MaybeUninit<T1>,
            __point: ::stackless::__private::core::mem::MaybeUninit<u8>,
        },
        __NoNicheYield1 {
            n: ::stackless::__private::core::mem::MaybeUninit<T5>,
            __iter1: ::stackless::__private::core::mem::MaybeUninit<T2>,
            seen: ::stackless::__private::core::mem::MaybeUninit<T3>,
            _guard: ::stackless::__private::core::mem::MaybeUninit<T4>,
            stop: ::stackless::__private::core::mem::MaybeUninit<T1>,
        },
        __NoNicheYield2 {
            doubled: ::stackless::__private::core::mem::MaybeUninit<T6>,
            __iter1: ::stackless::__private::core::mem::MaybeUninit<T2>,
            seen: ::stackless::__private::core::mem::MaybeUninit<T3>,
            _guard: ::stackless::__private::core::mem::MaybeUninit<T4>,
            stop: ::stackless::__private::core::mem::MaybeUninit<T1>,
        },
        Running,
        Done,
    }
    impl<T0, T1, T2, T3, T4, T5, T6> ::stackless::__private::core::marker::Unpin
    for __Everything<T0, T1, T2, T3, T4, T5, T6> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1, T2, T3, T4, T5, T6> ::stackless::__private::StateTrace
    for __Everything<T0, T1, T2, T3, T4, T5, T6> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "everything",
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
                Self::Yield0 { __point: __p, .. } => {
                    __POINTS
                        .yielded(
                            match *__p {
                                0 => 0usize,
                                1 => 3usize,
                                _ => 0usize,
                            },
                        )
                }
                Self::Yield1 { .. } => __POINTS.yielded(1usize),
                Self::Yield2 { .. } => __POINTS.yielded(2usize),
                Self::Yield4 { .. } => __POINTS.yielded(4usize),
                Self::Running
                | Self::__NoNicheYield0 { .. }
                | Self::__NoNicheYield1 { .. }
                | Self::__NoNicheYield2 { .. } => __POINTS.panicked(),
                Self::Done => __POINTS.done(),
            }
        }
    }
    #[allow(unused_mut, unused_unsafe)]
    let __machine = ::stackless::__private::parked_generator(
        __Everything::Start { items, stop },
        |mut __s| __s.set(__Everything::Running),
        |mut __state, __arg: ()| {
            let __tie0 = ::stackless::__private::core::marker::PhantomData;
            let __ret: () = '__body: {
                let mut __pass = false;
                loop {
                    if __pass {
                        if let __Everything::Start { .. } = __state.as_mut().project() {
                            {
                                let __Everything::Start { items: items, stop: stop } = __state
                                    .as_mut()
                                    .project_replace(__Everything::Running) else {
                                    ::stackless::__private::core::unreachable!()
                                };
                                ::stackless::__private::cold_path();
                                ::stackless::__private::discard(__arg);
                                {
                                    let items = items;
                                    let mut __res_stop = stop;
                                    #[allow(unused_variables)]
                                    let stop = &__res_stop;
                                    let _guard = String::from("guard");
                                    let mut __res_seen = 0;
                                    #[allow(unused_variables)]
                                    let seen = &mut __res_seen;
                                    {
                                        let mut __res___iter1 = ::stackless::__private::core::iter::IntoIterator::into_iter(
                                            items,
                                        );
                                        #[allow(unused_variables)]
                                        let __iter1 = &mut __res___iter1;
                                        'outer: loop {
                                            match ::stackless::__private::core::iter::Iterator::next(
                                                &mut *__iter1,
                                            ) {
                                                ::stackless::__private::core::option::Option::None => {
                                                    break 'outer;
                                                }
                                                ::stackless::__private::core::option::Option::Some(
                                                    item,
                                                ) => {
                                                    let x = match item {
                                                        Some(x) => x,
                                                        _ => {
                                                            {
                                                                let __y: u32 = 0;
                                                                __state
                                                                    .set(__Everything::Yield0 {
                                                                        __iter1: __res___iter1,
                                                                        seen: __res_seen,
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
                                                                        stop: __res_stop,
                                                                        __point: 0u8,
                                                                    });
                                                                return ::stackless::__private::Step::Yielded(__y);
                                                            };
                                                        }
                                                    };
                                                    ::stackless::__private::tie(&__tie0, &x);
                                                    match x {
                                                        0 => continue 'outer,
                                                        n if n == (*stop) => break 'outer,
                                                        n => {
                                                            {
                                                                {
                                                                    let __y: u32 = n;
                                                                    __state
                                                                        .set(__Everything::Yield1 {
                                                                            n: ::stackless::__private::Taken::new(n),
                                                                            __iter1: __res___iter1,
                                                                            seen: __res_seen,
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
                                                                            stop: __res_stop,
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
                                        let __y: u32 = (*seen);
                                        __state
                                            .set(__Everything::Yield4 {
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
                        }
                    } else if let __Everything::Yield0 {
                        __iter1: __slot___iter1,
                        seen: __slot_seen,
                        _guard: _,
                        stop: __slot_stop,
                        __point: __point,
                    } = __state.as_mut().project()
                    {
                        {
                            let mut __res_stop;
                            let mut _guard;
                            let mut __res_seen;
                            let mut __res___iter1;
                            #[allow(unused_variables)]
                            let mut __iter1 = __slot___iter1;
                            #[allow(unused_variables)]
                            let mut seen = __slot_seen;
                            #[allow(unused_variables)]
                            let mut stop: &_ = __slot_stop;
                            match *__point {
                                0 => {
                                    {
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
                                                match ::stackless::__private::core::iter::Iterator::next(
                                                    &mut *__iter1,
                                                ) {
                                                    ::stackless::__private::core::option::Option::None => {
                                                        break 'outer;
                                                    }
                                                    ::stackless::__private::core::option::Option::Some(
                                                        item,
                                                    ) => {
                                                        let x = match item {
                                                            Some(x) => x,
                                                            _ => {
                                                                {
                                                                    let __y: u32 = 0;
                                                                    *__point = 0;
                                                                    unsafe {
                                                                        ::stackless::__private::core::hint::assert_unchecked(
                                                                            ::stackless::__private::core::matches!(
                                                                                * ::stackless::__private::state_addr(& __state),
                                                                                __Everything::Yield0 { .. }
                                                                            ),
                                                                        )
                                                                    };
                                                                    return ::stackless::__private::Step::Yielded(__y);
                                                                };
                                                            }
                                                        };
                                                        ::stackless::__private::tie(&__tie0, &x);
                                                        match x {
                                                            0 => continue 'outer,
                                                            n if n == (*stop) => break 'outer,
                                                            n => {
                                                                {
                                                                    {
                                                                        let __y: u32 = n;
                                                                        let __Everything::Yield0 {
                                                                            __iter1: __taken___iter1,
                                                                            seen: __taken_seen,
                                                                            _guard: __taken__guard,
                                                                            stop: __taken_stop,
                                                                            __point: _,
                                                                        } = __state.as_mut().project_replace(__Everything::Running)
                                                                        else { ::stackless::__private::core::unreachable!() };
                                                                        __res___iter1 = __taken___iter1;
                                                                        __res_seen = __taken_seen;
                                                                        _guard = __taken__guard;
                                                                        __res_stop = __taken_stop;
                                                                        __state
                                                                            .set(__Everything::Yield1 {
                                                                                n: ::stackless::__private::Taken::new(n),
                                                                                __iter1: __res___iter1,
                                                                                seen: __res_seen,
                                                                                _guard: _guard,
                                                                                stop: __res_stop,
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
                                    let __Everything::Yield0 {
                                        __iter1: __taken___iter1,
                                        seen: __taken_seen,
                                        _guard: __taken__guard,
                                        stop: __taken_stop,
                                        __point: _,
                                    } = __state.as_mut().project_replace(__Everything::Running)
                                    else { ::stackless::__private::core::unreachable!() };
                                    __res___iter1 = __taken___iter1;
                                    ::stackless::__private::discard(__res___iter1);
                                    __res_seen = __taken_seen;
                                    _guard = __taken__guard;
                                    __res_stop = __taken_stop;
                                    seen = &mut __res_seen;
                                    let _ = &seen;
                                    stop = &__res_stop;
                                    let _ = &stop;
                                    {
                                        let __y: u32 = (*seen);
                                        __state
                                            .set(__Everything::Yield4 {
                                                _guard: _guard,
                                            });
                                        return ::stackless::__private::Step::Yielded(__y);
                                    };
                                }
                                _ => {
                                    {
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
                                                            if (*seen) < 2 {
                                                                (*seen) += 1;
                                                                {
                                                                    let __y: u32 = (*seen);
                                                                    *__point = 1;
                                                                    unsafe {
                                                                        ::stackless::__private::core::hint::assert_unchecked(
                                                                            ::stackless::__private::core::matches!(
                                                                                * ::stackless::__private::state_addr(& __state),
                                                                                __Everything::Yield0 { .. }
                                                                            ),
                                                                        )
                                                                    };
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
                                                match ::stackless::__private::core::iter::Iterator::next(
                                                    &mut *__iter1,
                                                ) {
                                                    ::stackless::__private::core::option::Option::None => {
                                                        break 'outer;
                                                    }
                                                    ::stackless::__private::core::option::Option::Some(
                                                        item,
                                                    ) => {
                                                        let x = match item {
                                                            Some(x) => x,
                                                            _ => {
                                                                {
                                                                    let __y: u32 = 0;
                                                                    *__point = 0;
                                                                    unsafe {
                                                                        ::stackless::__private::core::hint::assert_unchecked(
                                                                            ::stackless::__private::core::matches!(
                                                                                * ::stackless::__private::state_addr(& __state),
                                                                                __Everything::Yield0 { .. }
                                                                            ),
                                                                        )
                                                                    };
                                                                    return ::stackless::__private::Step::Yielded(__y);
                                                                };
                                                            }
                                                        };
                                                        ::stackless::__private::tie(&__tie0, &x);
                                                        match x {
                                                            0 => continue 'outer,
                                                            n if n == (*stop) => break 'outer,
                                                            n => {
                                                                {
                                                                    {
                                                                        let __y: u32 = n;
                                                                        let __Everything::Yield0 {
                                                                            __iter1: __taken___iter1,
                                                                            seen: __taken_seen,
                                                                            _guard: __taken__guard,
                                                                            stop: __taken_stop,
                                                                            __point: _,
                                                                        } = __state.as_mut().project_replace(__Everything::Running)
                                                                        else { ::stackless::__private::core::unreachable!() };
                                                                        __res___iter1 = __taken___iter1;
                                                                        __res_seen = __taken_seen;
                                                                        _guard = __taken__guard;
                                                                        __res_stop = __taken_stop;
                                                                        __state
                                                                            .set(__Everything::Yield1 {
                                                                                n: ::stackless::__private::Taken::new(n),
                                                                                __iter1: __res___iter1,
                                                                                seen: __res_seen,
                                                                                _guard: _guard,
                                                                                stop: __res_stop,
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
                                    let __Everything::Yield0 {
                                        __iter1: __taken___iter1,
                                        seen: __taken_seen,
                                        _guard: __taken__guard,
                                        stop: __taken_stop,
                                        __point: _,
                                    } = __state.as_mut().project_replace(__Everything::Running)
                                    else { ::stackless::__private::core::unreachable!() };
                                    __res___iter1 = __taken___iter1;
                                    ::stackless::__private::discard(__res___iter1);
                                    __res_seen = __taken_seen;
                                    _guard = __taken__guard;
                                    __res_stop = __taken_stop;
                                    seen = &mut __res_seen;
                                    let _ = &seen;
                                    stop = &__res_stop;
                                    let _ = &stop;
                                    {
                                        let __y: u32 = (*seen);
                                        __state
                                            .set(__Everything::Yield4 {
                                                _guard: _guard,
                                            });
                                        return ::stackless::__private::Step::Yielded(__y);
                                    };
                                }
                            }
                        }
                    }
                    if __pass {
                        break '__body match __state.as_mut().project() {
                            __Everything::Yield1 {
                                n: __cell_n,
                                __iter1: __slot___iter1,
                                seen: __slot_seen,
                                _guard: _,
                                stop: __slot_stop,
                            } => {
                                let mut __res_stop;
                                let mut _guard;
                                let mut __res_seen;
                                let mut __res___iter1;
                                #[allow(unused_variables)]
                                let mut __iter1 = __slot___iter1;
                                #[allow(unused_variables)]
                                let mut seen = __slot_seen;
                                #[allow(unused_variables)]
                                let mut stop: &_ = __slot_stop;
                                {
                                    {
                                        {
                                            {
                                                {
                                                    {
                                                        let n = unsafe {
                                                            ::stackless::__private::Taken::take(__cell_n)
                                                        };
                                                        let doubled = '__exit1: {
                                                            {
                                                                ::stackless::__private::discard(__arg);
                                                                break '__exit1 n * 2;
                                                            }
                                                        };
                                                        if let Some(y) = doubled.checked_sub(1) {
                                                            {
                                                                let __y: u32 = y;
                                                                let __Everything::Yield1 {
                                                                    n: _,
                                                                    __iter1: __taken___iter1,
                                                                    seen: __taken_seen,
                                                                    _guard: __taken__guard,
                                                                    stop: __taken_stop,
                                                                } = __state.as_mut().project_replace(__Everything::Running)
                                                                else { ::stackless::__private::core::unreachable!() };
                                                                __res___iter1 = __taken___iter1;
                                                                __res_seen = __taken_seen;
                                                                _guard = __taken__guard;
                                                                __res_stop = __taken_stop;
                                                                __state
                                                                    .set(__Everything::Yield2 {
                                                                        doubled: ::stackless::__private::Taken::new({
                                                                            use ::stackless::__private::{
                                                                                HoldRefAny as _, HoldRefCopy as _,
                                                                            };
                                                                            let __hold = ::stackless::__private::HoldRef(&doubled);
                                                                            let __kept = unsafe {
                                                                                (&__hold).__hold_kind().take(__hold)
                                                                            };
                                                                            if ::stackless::__private::needs_drop_of(&doubled) {
                                                                                ::stackless::__private::forget_taken(doubled);
                                                                            }
                                                                            __kept
                                                                        }),
                                                                        __iter1: __res___iter1,
                                                                        seen: __res_seen,
                                                                        _guard: _guard,
                                                                        stop: __res_stop,
                                                                    });
                                                                return ::stackless::__private::Step::Yielded(__y);
                                                            };
                                                        }
                                                    };
                                                    '__loop2: {
                                                        if (*seen) < 2 {
                                                            (*seen) += 1;
                                                            {
                                                                let __y: u32 = (*seen);
                                                                let __Everything::Yield1 {
                                                                    n: _,
                                                                    __iter1: __taken___iter1,
                                                                    seen: __taken_seen,
                                                                    _guard: __taken__guard,
                                                                    stop: __taken_stop,
                                                                } = __state.as_mut().project_replace(__Everything::Running)
                                                                else { ::stackless::__private::core::unreachable!() };
                                                                __res___iter1 = __taken___iter1;
                                                                __res_seen = __taken_seen;
                                                                _guard = __taken__guard;
                                                                __res_stop = __taken_stop;
                                                                __state
                                                                    .set(__Everything::Yield0 {
                                                                        __iter1: __res___iter1,
                                                                        seen: __res_seen,
                                                                        _guard: _guard,
                                                                        stop: __res_stop,
                                                                        __point: 1u8,
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
                                                match ::stackless::__private::core::iter::Iterator::next(
                                                    &mut *__iter1,
                                                ) {
                                                    ::stackless::__private::core::option::Option::None => {
                                                        break 'outer;
                                                    }
                                                    ::stackless::__private::core::option::Option::Some(
                                                        item,
                                                    ) => {
                                                        let x = match item {
                                                            Some(x) => x,
                                                            _ => {
                                                                {
                                                                    let __y: u32 = 0;
                                                                    let __Everything::Yield1 {
                                                                        n: _,
                                                                        __iter1: __taken___iter1,
                                                                        seen: __taken_seen,
                                                                        _guard: __taken__guard,
                                                                        stop: __taken_stop,
                                                                    } = __state.as_mut().project_replace(__Everything::Running)
                                                                    else { ::stackless::__private::core::unreachable!() };
                                                                    __res___iter1 = __taken___iter1;
                                                                    __res_seen = __taken_seen;
                                                                    _guard = __taken__guard;
                                                                    __res_stop = __taken_stop;
                                                                    __state
                                                                        .set(__Everything::Yield0 {
                                                                            __iter1: __res___iter1,
                                                                            seen: __res_seen,
                                                                            _guard: _guard,
                                                                            stop: __res_stop,
                                                                            __point: 0u8,
                                                                        });
                                                                    return ::stackless::__private::Step::Yielded(__y);
                                                                };
                                                            }
                                                        };
                                                        ::stackless::__private::tie(&__tie0, &x);
                                                        match x {
                                                            0 => continue 'outer,
                                                            n if n == (*stop) => break 'outer,
                                                            n => {
                                                                {
                                                                    {
                                                                        let __y: u32 = n;
                                                                        ::stackless::__private::Taken::put(__cell_n, n);
                                                                        unsafe {
                                                                            ::stackless::__private::core::hint::assert_unchecked(
                                                                                ::stackless::__private::core::matches!(
                                                                                    * ::stackless::__private::state_addr(& __state),
                                                                                    __Everything::Yield1 { .. }
                                                                                ),
                                                                            )
                                                                        };
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
                                    let __Everything::Yield1 {
                                        n: _,
                                        __iter1: __taken___iter1,
                                        seen: __taken_seen,
                                        _guard: __taken__guard,
                                        stop: __taken_stop,
                                    } = __state.as_mut().project_replace(__Everything::Running)
                                    else { ::stackless::__private::core::unreachable!() };
                                    __res___iter1 = __taken___iter1;
                                    ::stackless::__private::discard(__res___iter1);
                                    __res_seen = __taken_seen;
                                    _guard = __taken__guard;
                                    __res_stop = __taken_stop;
                                    seen = &mut __res_seen;
                                    let _ = &seen;
                                    stop = &__res_stop;
                                    let _ = &stop;
                                    {
                                        let __y: u32 = (*seen);
                                        __state
                                            .set(__Everything::Yield4 {
                                                _guard: _guard,
                                            });
                                        return ::stackless::__private::Step::Yielded(__y);
                                    };
                                }
                            }
                            __Everything::Yield2 {
                                doubled: __cell_doubled,
                                __iter1: __slot___iter1,
                                seen: __slot_seen,
                                _guard: _,
                                stop: __slot_stop,
                            } => {
                                let mut __res_stop;
                                let mut _guard;
                                let mut __res_seen;
                                let mut __res___iter1;
                                #[allow(unused_variables)]
                                let mut __iter1 = __slot___iter1;
                                #[allow(unused_variables)]
                                let mut seen = __slot_seen;
                                #[allow(unused_variables)]
                                let mut stop: &_ = __slot_stop;
                                {
                                    {
                                        {
                                            {
                                                {
                                                    {
                                                        let doubled = unsafe {
                                                            ::stackless::__private::Taken::take(__cell_doubled)
                                                        };
                                                        {
                                                            ::stackless::__private::discard(__arg);
                                                        }
                                                    };
                                                    '__loop2: {
                                                        if (*seen) < 2 {
                                                            (*seen) += 1;
                                                            {
                                                                let __y: u32 = (*seen);
                                                                let __Everything::Yield2 {
                                                                    doubled: _,
                                                                    __iter1: __taken___iter1,
                                                                    seen: __taken_seen,
                                                                    _guard: __taken__guard,
                                                                    stop: __taken_stop,
                                                                } = __state.as_mut().project_replace(__Everything::Running)
                                                                else { ::stackless::__private::core::unreachable!() };
                                                                __res___iter1 = __taken___iter1;
                                                                __res_seen = __taken_seen;
                                                                _guard = __taken__guard;
                                                                __res_stop = __taken_stop;
                                                                __state
                                                                    .set(__Everything::Yield0 {
                                                                        __iter1: __res___iter1,
                                                                        seen: __res_seen,
                                                                        _guard: _guard,
                                                                        stop: __res_stop,
                                                                        __point: 1u8,
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
                                                match ::stackless::__private::core::iter::Iterator::next(
                                                    &mut *__iter1,
                                                ) {
                                                    ::stackless::__private::core::option::Option::None => {
                                                        break 'outer;
                                                    }
                                                    ::stackless::__private::core::option::Option::Some(
                                                        item,
                                                    ) => {
                                                        let x = match item {
                                                            Some(x) => x,
                                                            _ => {
                                                                {
                                                                    let __y: u32 = 0;
                                                                    let __Everything::Yield2 {
                                                                        doubled: _,
                                                                        __iter1: __taken___iter1,
                                                                        seen: __taken_seen,
                                                                        _guard: __taken__guard,
                                                                        stop: __taken_stop,
                                                                    } = __state.as_mut().project_replace(__Everything::Running)
                                                                    else { ::stackless::__private::core::unreachable!() };
                                                                    __res___iter1 = __taken___iter1;
                                                                    __res_seen = __taken_seen;
                                                                    _guard = __taken__guard;
                                                                    __res_stop = __taken_stop;
                                                                    __state
                                                                        .set(__Everything::Yield0 {
                                                                            __iter1: __res___iter1,
                                                                            seen: __res_seen,
                                                                            _guard: _guard,
                                                                            stop: __res_stop,
                                                                            __point: 0u8,
                                                                        });
                                                                    return ::stackless::__private::Step::Yielded(__y);
                                                                };
                                                            }
                                                        };
                                                        ::stackless::__private::tie(&__tie0, &x);
                                                        match x {
                                                            0 => continue 'outer,
                                                            n if n == (*stop) => break 'outer,
                                                            n => {
                                                                {
                                                                    {
                                                                        let __y: u32 = n;
                                                                        let __Everything::Yield2 {
                                                                            doubled: _,
                                                                            __iter1: __taken___iter1,
                                                                            seen: __taken_seen,
                                                                            _guard: __taken__guard,
                                                                            stop: __taken_stop,
                                                                        } = __state.as_mut().project_replace(__Everything::Running)
                                                                        else { ::stackless::__private::core::unreachable!() };
                                                                        __res___iter1 = __taken___iter1;
                                                                        __res_seen = __taken_seen;
                                                                        _guard = __taken__guard;
                                                                        __res_stop = __taken_stop;
                                                                        __state
                                                                            .set(__Everything::Yield1 {
                                                                                n: ::stackless::__private::Taken::new(n),
                                                                                __iter1: __res___iter1,
                                                                                seen: __res_seen,
                                                                                _guard: _guard,
                                                                                stop: __res_stop,
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
                                    let __Everything::Yield2 {
                                        doubled: _,
                                        __iter1: __taken___iter1,
                                        seen: __taken_seen,
                                        _guard: __taken__guard,
                                        stop: __taken_stop,
                                    } = __state.as_mut().project_replace(__Everything::Running)
                                    else { ::stackless::__private::core::unreachable!() };
                                    __res___iter1 = __taken___iter1;
                                    ::stackless::__private::discard(__res___iter1);
                                    __res_seen = __taken_seen;
                                    _guard = __taken__guard;
                                    __res_stop = __taken_stop;
                                    seen = &mut __res_seen;
                                    let _ = &seen;
                                    stop = &__res_stop;
                                    let _ = &stop;
                                    {
                                        let __y: u32 = (*seen);
                                        __state
                                            .set(__Everything::Yield4 {
                                                _guard: _guard,
                                            });
                                        return ::stackless::__private::Step::Yielded(__y);
                                    };
                                }
                            }
                            __Everything::Yield4 { .. } => {
                                let __Everything::Yield4 { _guard: _guard } = __state
                                    .as_mut()
                                    .project_replace(__Everything::Running) else {
                                    ::stackless::__private::core::unreachable!()
                                };
                                {
                                    let _guard = _guard;
                                    ::stackless::__private::discard(__arg);
                                }
                            }
                            _ => {
                                return ::stackless::__private::Step::stopped(
                                    ::stackless::__private::core::matches!(
                                        * __state, __Everything::Running
                                    ),
                                    &[
                                        "coroutine `everything` resumed after completion",
                                        "coroutine `everything` resumed after panicking",
                                    ],
                                );
                            }
                        };
                    }
                    __pass = true;
                }
            };
            __state.set(__Everything::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |mut __s| match __s.as_mut().project() {
            __Everything::Yield1 { n: n, .. } => {
                unsafe { ::stackless::__private::Taken::drop_live(n) };
            }
            __Everything::Yield2 { doubled: doubled, .. } => {
                unsafe { ::stackless::__private::Taken::drop_live(doubled) };
            }
            _ => {}
        },
    );
    __machine
}

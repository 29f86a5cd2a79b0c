fn search(
    items: Vec<u32>,
    target: u32,
) -> impl Coroutine<Yield = u32, Return = Option<usize>> {
    yield_!(@ __stackless_used);
    ::stackless::__private::pin_project! {
        #[project_replace = __SearchReplace] #[allow(dead_code, non_camel_case_types,
        clippy::large_enum_variant)] enum __Search < T0, T1, T2, T3, T4 > { Start { items
        : T0, target : T1, }, Yield0 { x : T2, i : T3, __iter1 : T4, target : T1, },
        Yield1, Running, Done, }
    }
    #[allow(unused_mut)]
    let __machine = ::stackless::__private::generator(
        __Search::Start { items, target },
        |mut __state, __arg: ()| {
            let __ret: Option<usize> = '__body: {
                match __state.as_mut().project_replace(__Search::Running) {
                    __SearchReplace::Start { items: items, target: target } => {
                        ::stackless::__private::discard(__arg);
                        {
                            let items = items;
                            let target = target;
                            {
                                let mut __iter1 = ::core::iter::IntoIterator::into_iter(
                                    items.into_iter().enumerate(),
                                );
                                '__loop0: {
                                    match ::core::iter::Iterator::next(&mut __iter1) {
                                        ::core::option::Option::None => {
                                            break '__loop0;
                                        }
                                        ::core::option::Option::Some((i, x)) => {
                                            {
                                                let __y: u32 = x;
                                                __state
                                                    .set(__Search::Yield0 {
                                                        x: x,
                                                        i: i,
                                                        __iter1: __iter1,
                                                        target: target,
                                                    });
                                                return ::stackless::__private::Step::Yielded(__y);
                                            };
                                        }
                                    };
                                }
                            };
                            {
                                {
                                    let __y: u32 = 0;
                                    __state.set(__Search::Yield1);
                                    return ::stackless::__private::Step::Yielded(__y);
                                };
                            };
                        }
                    }
                    __SearchReplace::Yield0 {
                        x: x,
                        i: i,
                        __iter1: __iter1,
                        target: target,
                    } => {
                        let target = target;
                        {
                            let mut __iter1 = __iter1;
                            {
                                {
                                    {
                                        let i = i;
                                        let x = x;
                                        ::stackless::__private::discard(__arg);
                                        if x == target {
                                            break '__body Some(i);
                                        }
                                    }
                                }
                                '__loop0: {
                                    match ::core::iter::Iterator::next(&mut __iter1) {
                                        ::core::option::Option::None => {
                                            break '__loop0;
                                        }
                                        ::core::option::Option::Some((i, x)) => {
                                            {
                                                let __y: u32 = x;
                                                __state
                                                    .set(__Search::Yield0 {
                                                        x: x,
                                                        i: i,
                                                        __iter1: __iter1,
                                                        target: target,
                                                    });
                                                return ::stackless::__private::Step::Yielded(__y);
                                            };
                                        }
                                    };
                                }
                            }
                        };
                        {
                            {
                                let __y: u32 = 0;
                                __state.set(__Search::Yield1);
                                return ::stackless::__private::Step::Yielded(__y);
                            };
                        };
                    }
                    __SearchReplace::Yield1 => {
                        let tries = '__exit1: {
                            {
                                let t = __arg;
                                if t > 3 {
                                    break '__exit1 t;
                                }
                            }
                            {
                                {
                                    let __y: u32 = 0;
                                    __state.set(__Search::Yield1);
                                    return ::stackless::__private::Step::Yielded(__y);
                                };
                            }
                        };
                        None
                    }
                    __SearchReplace::Running => {
                        return ::stackless::__private::Step::Poisoned("search");
                    }
                    __SearchReplace::Done => {
                        __state.set(__Search::Done);
                        return ::stackless::__private::Step::Done("search");
                    }
                }
            };
            __state.set(__Search::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

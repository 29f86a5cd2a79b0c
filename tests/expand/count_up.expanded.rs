fn count_up(limit: u64) -> impl Iterator<Item = u64> {
    yield_!(@ __stackless_used);
    ::stackless::__private::pin_project! {
        #[project_replace = __CountUpReplace] #[allow(dead_code, non_camel_case_types,
        clippy::large_enum_variant)] enum __CountUp < T0, T1 > { Start { limit : T0, },
        Yield0 { i : T1, limit : T0, }, Running, Done, }
    }
    #[allow(unused_mut)]
    let __machine = ::stackless::__private::generator(
        __CountUp::Start { limit },
        |mut __state, __arg: ()| {
            let __ret: () = {
                match __state.as_mut().project_replace(__CountUp::Running) {
                    __CountUpReplace::Start { limit: limit } => {
                        ::stackless::__private::discard(__arg);
                        {
                            let limit = limit;
                            let __value = {
                                let mut i = 0;
                                '__loop0: {
                                    if i < limit {
                                        {
                                            let __y: u64 = i;
                                            __state
                                                .set(__CountUp::Yield0 {
                                                    i: i,
                                                    limit: limit,
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
                    }
                    __CountUpReplace::Yield0 { i: i, limit: limit } => {
                        let limit = limit;
                        let __value = {
                            let mut i = i;
                            {
                                {
                                    {
                                        ::stackless::__private::discard(__arg);
                                        i += 1;
                                    }
                                }
                                '__loop0: {
                                    if i < limit {
                                        {
                                            let __y: u64 = i;
                                            __state
                                                .set(__CountUp::Yield0 {
                                                    i: i,
                                                    limit: limit,
                                                });
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
                    __CountUpReplace::Running => {
                        return ::stackless::__private::Step::Poisoned("count_up");
                    }
                    __CountUpReplace::Done => {
                        __state.set(__CountUp::Done);
                        return ::stackless::__private::Step::Done("count_up");
                    }
                }
            };
            __state.set(__CountUp::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

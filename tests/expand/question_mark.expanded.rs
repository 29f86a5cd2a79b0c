fn question_mark(
    input: Vec<&'static str>,
) -> impl Coroutine<Yield = i32, Return = Result<i32, String>> {
    yield_!(@ __stackless_used);
    ::stackless::__private::pin_project! {
        #[project_replace = __QuestionMarkReplace] #[allow(dead_code,
        non_camel_case_types, clippy::large_enum_variant)] enum __QuestionMark < T0, T1,
        T2 > { Start { input : T0, }, Yield0 { __iter1 : T1, sum : T2, }, Running, Done,
        }
    }
    #[allow(unused_mut)]
    let __machine = ::stackless::__private::generator(
        __QuestionMark::Start { input },
        |mut __state, __arg: ()| {
            let __ret: Result<i32, String> = '__body: {
                match __state.as_mut().project_replace(__QuestionMark::Running) {
                    __QuestionMarkReplace::Start { input: input } => {
                        ::stackless::__private::discard(__arg);
                        {
                            let input = input;
                            let __value = {
                                let mut sum = 0;
                                {
                                    let mut __iter1 = ::core::iter::IntoIterator::into_iter(
                                        input,
                                    );
                                    '__loop0: {
                                        match ::core::iter::Iterator::next(&mut __iter1) {
                                            ::core::option::Option::None => {
                                                break '__loop0;
                                            }
                                            ::core::option::Option::Some(s) => {
                                                let n: i32 = match ::stackless::__private::Try::branch(
                                                    s.parse().map_err(|e| format!("{s}: {e}")),
                                                ) {
                                                    ::core::ops::ControlFlow::Continue(__v) => __v,
                                                    ::core::ops::ControlFlow::Break(__r) => {
                                                        break '__body <_ as ::stackless::__private::FromResidual<
                                                            _,
                                                        >>::from_residual(__r);
                                                    }
                                                };
                                                sum += n;
                                                {
                                                    let __y: i32 = sum;
                                                    __state
                                                        .set(__QuestionMark::Yield0 {
                                                            __iter1: __iter1,
                                                            sum: sum,
                                                        });
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            }
                                        };
                                    }
                                };
                                Ok(sum)
                            };
                            __value
                        }
                    }
                    __QuestionMarkReplace::Yield0 { __iter1: __iter1, sum: sum } => {
                        let __value = {
                            let mut sum = sum;
                            {
                                let mut __iter1 = __iter1;
                                {
                                    {
                                        {
                                            ::stackless::__private::discard(__arg);
                                        }
                                    }
                                    '__loop0: {
                                        match ::core::iter::Iterator::next(&mut __iter1) {
                                            ::core::option::Option::None => {
                                                break '__loop0;
                                            }
                                            ::core::option::Option::Some(s) => {
                                                let n: i32 = match ::stackless::__private::Try::branch(
                                                    s.parse().map_err(|e| format!("{s}: {e}")),
                                                ) {
                                                    ::core::ops::ControlFlow::Continue(__v) => __v,
                                                    ::core::ops::ControlFlow::Break(__r) => {
                                                        break '__body <_ as ::stackless::__private::FromResidual<
                                                            _,
                                                        >>::from_residual(__r);
                                                    }
                                                };
                                                sum += n;
                                                {
                                                    let __y: i32 = sum;
                                                    __state
                                                        .set(__QuestionMark::Yield0 {
                                                            __iter1: __iter1,
                                                            sum: sum,
                                                        });
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            }
                                        };
                                    }
                                }
                            };
                            Ok(sum)
                        };
                        __value
                    }
                    __QuestionMarkReplace::Running => {
                        return ::stackless::__private::Step::Poisoned("question_mark");
                    }
                    __QuestionMarkReplace::Done => {
                        __state.set(__QuestionMark::Done);
                        return ::stackless::__private::Step::Done("question_mark");
                    }
                }
            };
            __state.set(__QuestionMark::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
    );
    __machine
}

#[allow(refining_impl_trait, clippy::multiple_bound_locations)]
fn question_mark(
    input: Vec<&'static str>,
) -> impl Coroutine<
    Yield = i32,
    Return = Result<i32, String>,
> + ::stackless::__private::Trace {
    yield_!(@ __stackless_used);
    #[allow(dead_code, non_camel_case_types, clippy::large_enum_variant)]
    enum __QuestionMark<T0, T1, T2, T3> {
        Start { input: T0 },
        Yield0 { s: T1, __iter1: T2, sum: T3 },
        __NoNicheYield0 {
            s: ::stackless::__private::core::mem::MaybeUninit<T1>,
            __iter1: ::stackless::__private::core::mem::MaybeUninit<T2>,
            sum: ::stackless::__private::core::mem::MaybeUninit<T3>,
        },
        Running,
        Done,
    }
    impl<T0, T1, T2, T3> ::stackless::__private::core::marker::Unpin
    for __QuestionMark<T0, T1, T2, T3> {}
    #[allow(unused_imports)]
    use ::stackless::__private::Unpinned as _;
    impl<T0, T1, T2, T3> ::stackless::__private::StateTrace
    for __QuestionMark<T0, T1, T2, T3> {
        #[allow(unused_variables)]
        fn state_level(&self) -> ::stackless::__private::Level<'_> {
            static __POINTS: ::stackless::__private::Points = ::stackless::__private::Points {
                function: "question_mark",
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
        __QuestionMark::Start { input },
        |mut __s| __s.set(__QuestionMark::Running),
        |mut __state, __arg: ()| {
            let __ret: Result<i32, String> = '__body: {
                let mut __pass = false;
                loop {
                    if __pass {
                        if let __QuestionMark::Start { .. } = __state.as_mut().project()
                        {
                            break '__body {
                                let __QuestionMark::Start { input: input } = __state
                                    .as_mut()
                                    .project_replace(__QuestionMark::Running) else {
                                    ::stackless::__private::core::unreachable!()
                                };
                                ::stackless::__private::cold_path();
                                ::stackless::__private::discard(__arg);
                                {
                                    let input = input;
                                    let __value: Result<i32, String> = {
                                        let mut __res_sum = 0;
                                        #[allow(unused_variables)]
                                        let sum = &mut __res_sum;
                                        {
                                            let mut __res___iter1 = ::stackless::__private::core::iter::IntoIterator::into_iter(
                                                input,
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
                                                    ::stackless::__private::core::option::Option::Some(s) => {
                                                        let n: i32 = match ::stackless::__private::Try::branch(
                                                            s.parse().map_err(|e| format!("{s}: {e}")),
                                                        ) {
                                                            ::stackless::__private::core::ops::ControlFlow::Continue(
                                                                __v,
                                                            ) => __v,
                                                            ::stackless::__private::core::ops::ControlFlow::Break(
                                                                __r,
                                                            ) => {
                                                                break '__body <_ as ::stackless::__private::FromResidual<
                                                                    _,
                                                                >>::from_residual(__r);
                                                            }
                                                        };
                                                        (*sum) += n;
                                                        {
                                                            let __y: i32 = (*sum);
                                                            __state
                                                                .set(__QuestionMark::Yield0 {
                                                                    s: ::stackless::__private::Taken::new({
                                                                        use ::stackless::__private::{
                                                                            HoldRefAny as _, HoldRefCopy as _,
                                                                        };
                                                                        let __hold = ::stackless::__private::HoldRef(&s);
                                                                        let __kept = unsafe {
                                                                            (&__hold).__hold_kind().take(__hold)
                                                                        };
                                                                        if ::stackless::__private::needs_drop_of(&s) {
                                                                            ::stackless::__private::forget_taken(s);
                                                                        }
                                                                        __kept
                                                                    }),
                                                                    __iter1: __res___iter1,
                                                                    sum: __res_sum,
                                                                });
                                                            return ::stackless::__private::Step::Yielded(__y);
                                                        };
                                                    }
                                                };
                                            }
                                        };
                                        Ok(__res_sum)
                                    };
                                    __value
                                }
                            };
                        }
                    } else if let __QuestionMark::Yield0 {
                        s: __cell_s,
                        __iter1: __slot___iter1,
                        sum: __slot_sum,
                    } = __state.as_mut().project()
                    {
                        break '__body {
                            let mut __res_sum;
                            let mut __res___iter1;
                            #[allow(unused_variables)]
                            let mut __iter1 = __slot___iter1;
                            #[allow(unused_variables)]
                            let mut sum = __slot_sum;
                            {
                                let __value: Result<i32, String> = {
                                    {
                                        {
                                            {
                                                {
                                                    let s = unsafe {
                                                        ::stackless::__private::Taken::take(__cell_s)
                                                    };
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
                                                    ::stackless::__private::core::option::Option::Some(s) => {
                                                        let n: i32 = match ::stackless::__private::Try::branch(
                                                            s.parse().map_err(|e| format!("{s}: {e}")),
                                                        ) {
                                                            ::stackless::__private::core::ops::ControlFlow::Continue(
                                                                __v,
                                                            ) => __v,
                                                            ::stackless::__private::core::ops::ControlFlow::Break(
                                                                __r,
                                                            ) => {
                                                                break '__body <_ as ::stackless::__private::FromResidual<
                                                                    _,
                                                                >>::from_residual(__r);
                                                            }
                                                        };
                                                        (*sum) += n;
                                                        {
                                                            let __y: i32 = (*sum);
                                                            ::stackless::__private::Taken::put(
                                                                __cell_s,
                                                                {
                                                                    use ::stackless::__private::{
                                                                        HoldRefAny as _, HoldRefCopy as _,
                                                                    };
                                                                    let __hold = ::stackless::__private::HoldRef(&s);
                                                                    let __kept = unsafe {
                                                                        (&__hold).__hold_kind().take(__hold)
                                                                    };
                                                                    if ::stackless::__private::needs_drop_of(&s) {
                                                                        ::stackless::__private::forget_taken(s);
                                                                    }
                                                                    __kept
                                                                },
                                                            );
                                                            unsafe {
                                                                ::stackless::__private::core::hint::assert_unchecked(
                                                                    ::stackless::__private::core::matches!(
                                                                        * ::stackless::__private::state_addr(& __state),
                                                                        __QuestionMark::Yield0 { .. }
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
                                    let __QuestionMark::Yield0 {
                                        s: _,
                                        __iter1: __taken___iter1,
                                        sum: __taken_sum,
                                    } = __state
                                        .as_mut()
                                        .project_replace(__QuestionMark::Running) else {
                                        ::stackless::__private::core::unreachable!()
                                    };
                                    __res___iter1 = __taken___iter1;
                                    ::stackless::__private::discard(__res___iter1);
                                    __res_sum = __taken_sum;
                                    sum = &mut __res_sum;
                                    let _ = &sum;
                                    Ok(__res_sum)
                                };
                                __value
                            }
                        }
                    }
                    if __pass {
                        return ::stackless::__private::Step::stopped(
                            ::stackless::__private::core::matches!(
                                * __state, __QuestionMark::Running
                            ),
                            &[
                                "coroutine `question_mark` resumed after completion",
                                "coroutine `question_mark` resumed after panicking",
                            ],
                        );
                    }
                    __pass = true;
                }
            };
            __state.set(__QuestionMark::Done);
            ::stackless::__private::Step::Complete(__ret)
        },
        |mut __s| match __s.as_mut().project() {
            __QuestionMark::Yield0 { s: s, .. } => {
                unsafe { ::stackless::__private::Taken::drop_live(s) };
            }
            _ => {}
        },
    );
    __machine
}

impl Tree {
    fn walk(&self) -> impl Iterator<Item = u32> + '_ {
        yield_!(@ __stackless_used);
        ::stackless::__private::pin_project! {
            #[project_replace = __WalkReplace] #[allow(dead_code, non_camel_case_types,
            clippy::large_enum_variant)] enum __Walk < T0, T1 > { Start { __self : T0, },
            Yield0 { __self : T0, }, Yield1 { __iter1 : T1, }, Running, Done, }
        }
        #[allow(unused_mut)]
        let __machine = ::stackless::__private::generator(
            __Walk::Start { __self: self },
            |mut __state, __arg: ()| {
                let __ret: () = {
                    match __state.as_mut().project_replace(__Walk::Running) {
                        __WalkReplace::Start { __self: __self } => {
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
                        __WalkReplace::Yield0 { __self: __self } => {
                            let __self = __self;
                            let __value = {
                                ::stackless::__private::discard(__arg);
                                {
                                    let mut __iter1 = ::core::iter::IntoIterator::into_iter(
                                        &__self.children,
                                    );
                                    '__loop0: {
                                        match ::core::iter::Iterator::next(&mut __iter1) {
                                            ::core::option::Option::None => {
                                                break '__loop0;
                                            }
                                            ::core::option::Option::Some(child) => {
                                                {
                                                    let __y: u32 = child.value;
                                                    __state.set(__Walk::Yield1 { __iter1: __iter1 });
                                                    return ::stackless::__private::Step::Yielded(__y);
                                                };
                                            }
                                        };
                                    }
                                }
                            };
                            __value
                        }
                        __WalkReplace::Yield1 { __iter1: __iter1 } => {
                            let __value = {
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
                                                ::core::option::Option::Some(child) => {
                                                    {
                                                        let __y: u32 = child.value;
                                                        __state.set(__Walk::Yield1 { __iter1: __iter1 });
                                                        return ::stackless::__private::Step::Yielded(__y);
                                                    };
                                                }
                                            };
                                        }
                                    }
                                }
                            };
                            __value
                        }
                        __WalkReplace::Running => {
                            return ::stackless::__private::Step::Poisoned("walk");
                        }
                        __WalkReplace::Done => {
                            __state.set(__Walk::Done);
                            return ::stackless::__private::Step::Done("walk");
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

// What async-trait hands the attribute for `async fn get(&self, k: usize) -> u32` in an
// `#[async_trait]` impl (async-trait 0.1.92's expansion, attribute kept on the method).
impl Store for Mem {
    #[stackless::coroutine]
    fn get<'life0, 'async_trait>(
        &'life0 self,
        k: usize,
    ) -> ::core::pin::Pin<
        Box<dyn ::core::future::Future<Output = u32> + ::core::marker::Send + 'async_trait>,
    >
    where
        'life0: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(async move {
            if let ::core::option::Option::Some(__ret) = ::core::option::Option::None::<u32> {
                #[allow(unreachable_code)]
                return __ret;
            }
            let __self = self;
            let k = k;
            let __ret: u32 = {
                let k = ready(k).await;
                __self.0[k]
            };
            #[allow(unreachable_code)]
            __ret
        })
    }
}

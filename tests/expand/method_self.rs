// A method: `self` travels as `__self`; the receiver stays in the signature.
impl Tree {
    #[stackless::coroutine]
    fn walk(&self) -> impl Iterator<Item = u32> + '_ {
        yield_!(self.value);
        for child in &self.children {
            yield_!(child.value);
        }
    }
}

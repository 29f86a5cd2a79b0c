use stackless::yield_;

struct Bag {
    items: Vec<u8>,
}

impl Bag {
    // rustc: E0597. `Item = &u8` borrows `self` (elision), not a local copy of the items.
    #[stackless::coroutine]
    fn items(&self) -> impl Iterator<Item = &u8> {
        let copy = self.items.clone();
        for x in &copy {
            yield_!(x);
        }
    }
}

fn main() {
    let _ = Bag { items: vec![1] }.items();
}

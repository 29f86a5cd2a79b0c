// The attribute on a trait's method declaration (it belongs on the implementation) is the
// only error: the trait keeps the method, so its implementation and its callers are fine.
trait Numbers {
    #[stackless::coroutine]
    fn numbers(&self) -> impl Iterator<Item = u32>;
}

struct Three;

impl Numbers for Three {
    fn numbers(&self) -> impl Iterator<Item = u32> {
        0..3
    }
}

// On an item that is no function, the item stays too.
#[stackless::coroutine]
struct NotAFunction(u32);

fn main() {
    let total: u32 = Three.numbers().sum();
    let _ = NotAFunction(total).0;
}

// A `move` closure that names a field of a local kept in the machine's frame (`move || s.id`)
// takes the whole local, where the native closure takes only `s.id`. Here a reference to
// `s.name` is used after the closure is dropped: natively fine, but the machine would have
// freed the string with the closure (found by Miri: a use after free). The twin checks the
// move the machine makes, so this is rejected.
use stackless::yield_;

struct Named {
    id: u64,
    name: String,
}

#[stackless::coroutine]
fn machine() -> impl Iterator<Item = String> {
    let s = Named {
        id: 7,
        name: "abc".into(),
    };
    let r = &s.name;
    let len = || s.name.len();
    yield_!(len().to_string());
    let f = move || s.id;
    yield_!(f().to_string());
    yield_!(r.clone());
    yield_!(len().to_string());
}

fn main() {
    let _ = machine();
}

async fn touch(_: &String) {}

macro_rules! later {
    ($e:expr) => {
        Box::new(move || $e.clone())
    };
}

// A closure a macro makes (here `move`, though its tokens do not say so) reaches a local the
// coroutine keeps in its frame through a reference: it cannot leave the function, where the
// native one would own the local (it held the slot's address after the machine was gone).
#[stackless::coroutine]
async fn co() -> Box<dyn Fn() -> String> {
    let s = String::from("in the frame");
    touch(&s).await;
    later!(s)
}

fn main() {
    let _ = co();
}

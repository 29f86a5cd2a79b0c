// What keeps locals in place across suspension points, in four small bodies.
//
// `tally`: an `.await` in a loop that carries a `Vec` is a resident group of its own; its
// variant holds the awaited future in a `FutCell`, polled in place and dropped there when
// ready; the next `.await` puts its future in the same cell (`parked_future`).
#[stackless::coroutine]
async fn tally(n: u32) -> usize {
    let mut seen = Vec::new();
    for i in 0..n {
        let v = next_value(i).await;
        seen.push(v);
    }
    seen.len()
}

// `walk`: `i`, bound by `while let` in the loop, is *taken*: a `Taken` cell in the group's
// variant, moved out when the arm resumes and put back at the yield (`parked_generator`).
#[stackless::coroutine]
fn walk(nodes: &[Node]) -> impl Iterator<Item = u64> + '_ {
    let mut stack = vec![0usize];
    while let Some(i) = stack.pop() {
        yield_!(nodes[i].val);
        stack.extend(nodes[i].children.iter().copied());
    }
}

// `scaled`: the inner loop's iterator holds a closure, and the inner loop is written in two
// arms (the `Start` arm and the yield's): its two copies are unified with `Alt`.
#[stackless::coroutine]
fn scaled(rows: Vec<Vec<u32>>, k: u32) -> impl Iterator<Item = u32> {
    for r in 0..rows.len() {
        for y in rows[r].iter().map(|x| x * k) {
            yield_!(y);
        }
    }
}

// `labelled`: `r = &name` is not carried; the yield's arm takes it again from `name`.
#[stackless::coroutine]
fn labelled(n: u32) -> impl Iterator<Item = String> {
    let name = String::from("item");
    let r = &name;
    for i in 0..n {
        yield_!(format!("{r}-{i}"));
    }
}

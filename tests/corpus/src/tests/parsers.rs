use crate::harness::{tests, ALL};

tests! {
    parse: ALL, |m| async {
        let a = m::parsers::parse(b"+hello\r\n").await;
        let b = m::parsers::parse(b"=k:v").await;
        let c = m::parsers::parse(b"=kv").await;
        let d = m::parsers::parse(b"").await;
        let e = m::parsers::parse(b"+\xff").await;
        format!("{a:?} {b:?} {c:?} {d:?} {e:?}")
    };
    parse_all: ALL, |m| async {
        let bufs: [&[u8]; 3] = [b"+a", b"xyz", b"=a:b"];
        format!("{:?}", m::parsers::parse_all(&bufs).await)
    };
    split_words: ALL, |m| m::parsers::split_words(" a bb  ccc d ");
    longest: ALL, |m| m::parsers::longest("ab", "abc");
    first_field: ALL, |m| async {
        (m::parsers::first_field("a,b", ",").await, m::parsers::first_field(",b", ",").await)
    };
    read_records: ALL, |m| m::parsers::read_records(&[0, 1, 1, 0, 9]);
    headers_get: ALL, |m| async {
        let raw = String::from("Host: x\ncontent-type: text\nbad");
        let h = m::parsers::Headers::new(&raw);
        let a = h.get("Content-Type").await.map(str::to_owned);
        let b = h.get("none").await.map(str::to_owned);
        (a, b)
    };
    headers_all: ALL, |m| async {
        let raw = String::from("Host: x\ncontent-type: text\nbad");
        let h = m::parsers::Headers::new(&raw);
        format!("{:?}", h.all().await)
    };
    query_params: ALL, |m| async {
        (m::parsers::query_params("/p?a=1&b&c=x=y").await, m::parsers::query_params("/p").await)
    };
    csv_sum: ALL, |m| async {
        (
            m::parsers::csv_sum("a,b\n1,2.5\n3, 4", 1).await,
            m::parsers::csv_sum("a,b\n1,x", 1).await,
            m::parsers::csv_sum("a,b\n1", 1).await,
            m::parsers::csv_sum("a", 3).await,
            m::parsers::csv_sum("", 0).await,
        )
    };
    tokenize: ALL, |m| m::parsers::tokenize("12 + 345*(6)");
    decode_many: ALL, |m| async {
        let data = b"\x02hi\x03abc\x05x";
        format!("{:?}", m::parsers::decode_many::<&str>(data).await)
    };
}

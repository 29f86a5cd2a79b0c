mod client;
mod control;
mod fanout;
mod frames;
mod parsers;
mod server;
mod traits;

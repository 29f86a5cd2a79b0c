mod client;
mod control;
mod fanout;
mod frames;
mod gen;
mod parsers;
mod server;
mod traits;

mod client;
mod control;
mod fanout;
mod frames;
mod server;

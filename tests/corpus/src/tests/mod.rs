mod client;
mod fanout;
mod frames;
mod server;

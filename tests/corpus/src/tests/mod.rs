mod client;
mod frames;
mod server;

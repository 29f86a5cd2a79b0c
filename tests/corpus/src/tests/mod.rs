mod client;
mod frames;

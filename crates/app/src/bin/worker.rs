//! The evaluation worker's entry point (built by Trunk as `data-type="worker"`).

fn main() {
    nixpen_app::worker::run();
}

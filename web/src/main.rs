//! `bys`, the Book Your Services server binary. The web app lands with the web issue; until then
//! it says so instead of pretending to serve.

fn main() {
    println!(
        "Book Your Services: the web server is not built yet. The domain and use cases are; \
         run `scripts/test` to exercise them."
    );
}

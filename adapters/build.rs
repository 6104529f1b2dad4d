//! Rebuilds when a message catalogue changes or a language folder is added
//! (`fluent_templates::static_loader!` embeds `locales/` at compile time).

fn main() {
    println!("cargo:rerun-if-changed=locales");
}

//! Structured logs through `tracing`, filtered by `RUST_LOG` (default `info`).

use tracing_subscriber::EnvFilter;

/// Installs the process-wide subscriber writing to stderr. Calling it again (as every test
/// does) keeps the first one.
pub fn init() {
    install(std::io::stderr);
}

/// For tests: quiet unless `TEST_LOG` is set, so failures are readable but a developer can
/// still see the app's logs with `TEST_LOG=1`.
pub fn init_for_tests() {
    if std::env::var_os("TEST_LOG").is_some() {
        install(std::io::stderr);
    } else {
        install(std::io::sink);
    }
}

fn install<W>(writer: W)
where
    W: for<'a> tracing_subscriber::fmt::MakeWriter<'a> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // Only the first installation wins; later calls are harmless no-ops.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .try_init();
}

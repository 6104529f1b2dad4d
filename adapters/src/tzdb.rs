//! Zone rules from a tzdb folder on the host (`/usr/share/zoneinfo` or a configured one), chosen
//! over the rules compiled into the binary when the folder holds a newer release.

use std::path::Path;

use domain::zone::{ZoneDatabase, bundled_version};
use jiff::tz::TimeZoneDatabase;

/// Where Linux distributions keep the tzdb.
pub const HOST_FOLDER: &str = "/usr/share/zoneinfo";

/// The newest rules at hand: `folder` (the host's when `None`) if it holds a newer release than
/// the binary's, else the binary's own. A folder that cannot be read is logged and passed over.
pub fn newest(folder: Option<&Path>) -> ZoneDatabase {
    let folder = folder.unwrap_or(Path::new(HOST_FOLDER));
    let Some(version) = folder_version(folder) else {
        tracing::debug!(folder = %folder.display(), "no tzdb version found in the folder");
        return ZoneDatabase::bundled();
    };
    if !is_newer(&version, bundled_version()) {
        return ZoneDatabase::bundled();
    }
    match read_folder(folder, &version) {
        Ok(database) => database,
        Err(e) => {
            tracing::warn!(folder = %folder.display(), %version, error = %e,
                "cannot read the newer tzdb; using the rules compiled into the binary");
            ZoneDatabase::bundled()
        }
    }
}

/// The release a tzdb folder holds, from the first line of its `tzdata.zi`
/// (`# version 2026f`) or its `+VERSION` file.
pub fn folder_version(folder: &Path) -> Option<String> {
    let from_zi = std::fs::read_to_string(folder.join("tzdata.zi"))
        .ok()
        .and_then(|text| {
            text.lines()
                .next()
                .and_then(|line| line.strip_prefix("# version "))
                .map(str::to_owned)
        });
    from_zi
        .or_else(|| std::fs::read_to_string(folder.join("+VERSION")).ok())
        .map(|v| v.trim().to_owned())
        .filter(|v| is_release(v))
}

/// Whether release `candidate` (`2026f`) came after `than`: by year, then by letters (`2026z`
/// is followed by `2026za`).
pub fn is_newer(candidate: &str, than: &str) -> bool {
    let key = |v: &str| {
        let (year, letters) = v.split_at(v.len().min(4));
        (year.to_owned(), letters.len(), letters.to_owned())
    };
    key(candidate) > key(than)
}

fn is_release(version: &str) -> bool {
    version.len() > 4
        && version[..4].bytes().all(|b| b.is_ascii_digit())
        && version[4..].bytes().all(|b| b.is_ascii_lowercase())
}

fn read_folder(folder: &Path, version: &str) -> Result<ZoneDatabase, String> {
    let db = TimeZoneDatabase::from_dir(folder).map_err(|e| e.to_string())?;
    let zones: Vec<_> = db
        .available()
        .filter_map(|name| {
            let name = name.as_str().to_owned();
            db.get(&name).ok().map(|tz| (name, tz))
        })
        .collect();
    if zones.is_empty() {
        return Err("the folder holds no zone files".to_owned());
    }
    Ok(ZoneDatabase::from_zones(
        version,
        folder.display().to_string(),
        zones,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tzdb folder whose `America/Vancouver` holds Tokyo's rules (UTC+9 all year), so a test
    /// can tell the folder's rules from the binary's whatever release the host has.
    fn folder_with(version_line: &str, with_vancouver: bool) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("tzdata.zi"),
            format!("{version_line}\n# ...\n"),
        )
        .unwrap();
        if with_vancouver {
            let tokyo = std::fs::read(Path::new(HOST_FOLDER).join("Asia/Tokyo")).unwrap();
            std::fs::create_dir_all(dir.path().join("America")).unwrap();
            std::fs::write(dir.path().join("America/Vancouver"), tokyo).unwrap();
        }
        dir
    }

    fn winter_offset_hours(db: &ZoneDatabase) -> i64 {
        let instant = "2026-12-15T12:00:00Z".parse().unwrap();
        db.get("America/Vancouver")
            .unwrap()
            .offset_at(instant)
            .num_hours()
    }

    #[test]
    fn releases_order_by_year_then_letters() {
        assert!(is_newer("2026f", "2025b"));
        assert!(is_newer("2026f", "2026b"));
        assert!(is_newer("2026za", "2026z"));
        assert!(!is_newer("2025b", "2026f"));
        assert!(!is_newer("2026f", "2026f"));
    }

    #[test]
    fn a_folder_names_its_release_in_tzdata_zi_or_plus_version() {
        let zi = folder_with("# version 2027a", false);
        assert_eq!(folder_version(zi.path()).as_deref(), Some("2027a"));
        let plus = tempfile::tempdir().unwrap();
        std::fs::write(plus.path().join("+VERSION"), "2026g\n").unwrap();
        assert_eq!(folder_version(plus.path()).as_deref(), Some("2026g"));
        let garbled = folder_with("# made by hand", false);
        assert_eq!(folder_version(garbled.path()), None);
    }

    #[test]
    fn a_newer_folder_wins_over_the_bundled_rules() {
        let folder = folder_with("# version 2099a", true);
        let db = newest(Some(folder.path()));
        assert_eq!(db.version(), "2099a");
        assert_eq!(db.origin(), folder.path().display().to_string());
        assert_eq!(
            winter_offset_hours(&db),
            9,
            "the folder's own rules are used"
        );
    }

    #[test]
    fn an_older_folder_leaves_the_bundled_rules_in_force() {
        let folder = folder_with("# version 2025b", true);
        let db = newest(Some(folder.path()));
        assert_eq!(db.version(), bundled_version());
        assert_eq!(winter_offset_hours(&db), -7);
    }

    #[test]
    fn a_missing_folder_leaves_the_bundled_rules_in_force() {
        let db = newest(Some(Path::new("/nonexistent/zoneinfo")));
        assert_eq!(db.version(), bundled_version());
    }
}

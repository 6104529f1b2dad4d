//! The guard against server-side request forgery: a provider types the calendar's URL, so
//! without it they could make the platform call its own network (`127.0.0.1`, `10.…`, a cloud
//! metadata service at `169.254.169.254`). Every address a host name resolves to is checked
//! when the connection is made (reqwest's resolver hook), so a name that resolves to a public
//! address when the calendar is added and to a private one later is refused too; addresses
//! written in the URL itself and redirects are checked before anything is sent.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// What the resolver fails with.
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Which addresses the client may connect to.
#[derive(Debug, Clone, Copy)]
pub(super) struct AddressGuard {
    /// Loopback, private, link-local and other non-public addresses too (tests, an intranet).
    pub(super) allow_private: bool,
}

impl AddressGuard {
    /// Whether the client may connect to `ip`.
    pub(super) fn allows(self, ip: IpAddr) -> bool {
        self.allow_private || is_public(ip)
    }

    /// Why `url` may not be called (scheme, or an address written in it), if it may not.
    pub(super) fn refusal(self, url: &Url) -> Option<String> {
        match url.scheme() {
            "https" => {}
            "http" if self.allow_private => {}
            other => {
                return Some(format!(
                    "the address must start with https:// (not {other}:)"
                ));
            }
        }
        let Some(host) = url.host_str() else {
            return Some("the address names no server".to_owned());
        };
        // An address written in the URL is connected to without asking the resolver.
        let ip: IpAddr = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .ok()?;
        (!self.allows(ip)).then(|| format!("{ip} is not a public address"))
    }

    /// Why `url` may not be called, if it may not: its scheme, an address written in it, or
    /// a host name that resolves to no allowed address (said here so the provider reads it;
    /// the resolver hook enforces it on every connection).
    pub(super) async fn refusal_of(self, url: &Url) -> Option<String> {
        if let Some(refusal) = self.refusal(url) {
            return Some(refusal);
        }
        let host = url.host_str()?;
        if host.starts_with('[') || host.parse::<IpAddr>().is_ok() {
            return None;
        }
        let port = url.port_or_known_default().unwrap_or(443);
        match tokio::net::lookup_host((host, port)).await {
            Ok(found) => {
                let found: Vec<SocketAddr> = found.collect();
                (!found.iter().any(|a| self.allows(a.ip())))
                    .then(|| format!("{host} does not resolve to a public address"))
            }
            Err(_) => Some(format!("{host} is not a known server name")),
        }
    }

    /// The resolver for reqwest: the system's, keeping only allowed addresses.
    pub(super) fn resolver(self) -> Arc<Self> {
        Arc::new(self)
    }
}

impl Resolve for AddressGuard {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = *self;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found = match tokio::net::lookup_host((host.as_str(), 0)).await {
                Ok(found) => found,
                Err(e) => return Err(BoxError::from(e)),
            };
            let allowed: Vec<SocketAddr> = found.filter(|a| guard.allows(a.ip())).collect();
            if allowed.is_empty() {
                return Err(BoxError::from(format!(
                    "{host} does not resolve to a public address"
                )));
            }
            let addrs: Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}

/// Whether `ip` is an ordinary address on the internet: not loopback, private, shared (CGNAT),
/// link-local (cloud metadata), multicast, documentation, benchmarking, reserved or unspecified.
pub(super) fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (RFC 6598)
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let first = ip.segments()[0];
    let nat64 = ip.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0];
    if nat64 {
        let [.., c, d] = ip.segments();
        let [c1, c2] = c.to_be_bytes();
        let [d1, d2] = d.to_be_bytes();
        return is_public_v4(Ipv4Addr::new(c1, c2, d1, d2));
    }
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local (incl. fd00:ec2::254, AWS metadata)
        || (first & 0xffc0) == 0xfe80 // link-local
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)) // documentation
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(url: &str) -> Option<String> {
        AddressGuard {
            allow_private: false,
        }
        .refusal(&Url::parse(url).unwrap())
    }

    #[test]
    fn loopback_private_link_local_and_metadata_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00:ec2::254",
            "fe80::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a9fe:a9fe",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip} counted as public");
        }
        for ip in [
            "93.184.215.14",
            "2a00:1450:4001:80b::200e",
            "64:ff9b::5db8:d70e",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip} counted as private");
        }
    }

    #[test]
    fn urls_with_private_addresses_or_without_https_are_refused_unless_allowed() {
        assert!(refused("https://169.254.169.254/latest/").is_some());
        assert!(refused("https://[::1]:5232/ann/").is_some());
        assert!(refused("http://dav.example.org/ann/").is_some());
        assert!(refused("file:///etc/passwd").is_some());
        assert_eq!(refused("https://dav.example.org/ann/work/"), None);
        let open = AddressGuard {
            allow_private: true,
        };
        assert_eq!(
            open.refusal(&Url::parse("http://127.0.0.1:5232/ann/").unwrap()),
            None
        );
    }

    #[tokio::test]
    async fn the_resolver_drops_private_addresses() {
        let guard = AddressGuard {
            allow_private: false,
        };
        let refused = guard.resolve("localhost".parse().unwrap()).await;
        assert!(refused.is_err());
        let open = AddressGuard {
            allow_private: true,
        };
        let found: Vec<SocketAddr> = open
            .resolve("localhost".parse().unwrap())
            .await
            .unwrap()
            .collect();
        assert!(found.iter().all(|a| a.ip().is_loopback()) && !found.is_empty());
    }
}

//! The guard against server-side request forgery. People type the URLs the platform calls (a
//! CalDAV calendar, a webhook endpoint), so without it they could make the platform call its
//! own network: `127.0.0.1`, `10.…`, a cloud metadata service at `169.254.169.254`.
//!
//! The guard is the HTTP client's resolver ([`AddressGuard::resolver`]): a host name is
//! resolved for every connection and refused when any address it resolves to is not allowed,
//! so a name that resolves to a public address when it is entered and to a private one later
//! is refused too. Addresses written in a URL skip the resolver; [`AddressGuard::refusal`]
//! checks them before anything is sent (and on every redirect, where redirects are followed).
//!
//! Refused always: unspecified, multicast, broadcast and cloud metadata addresses
//! (`169.254.169.254`, `fd00:ec2::254`). Refused unless private addresses are allowed (tests,
//! an intranet): loopback, private (RFC 1918, IPv6 unique local `fc00::/7`), link-local,
//! carrier-grade NAT (`100.64.0.0/10`), documentation, benchmarking and reserved ranges. IPv4
//! addresses inside IPv6 (`::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`) are judged as IPv4.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// The longest a host name's resolution may take.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(2);

/// Which addresses an HTTP client may connect to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressGuard {
    /// Whether loopback, private, link-local and other non-public addresses are allowed.
    allow_private: bool,
}

/// Why a host may not be called.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreachable {
    /// It is, or resolves to, an address the guard refuses.
    #[error("{0}")]
    Refused(String),
    /// Its name did not resolve (now; it may later).
    #[error("{0}")]
    Unresolved(String),
}

impl AddressGuard {
    /// The guard; `allow_private` lets loopback, private and link-local addresses through.
    pub fn new(allow_private: bool) -> Self {
        Self { allow_private }
    }

    /// Why the client may not connect to `ip`, if it may not.
    pub fn refusal_of_address(self, ip: IpAddr) -> Option<String> {
        let ip = unwrapped(ip);
        let kind = never_allowed(ip).or_else(|| private(ip).filter(|_| !self.allow_private))?;
        Some(format!("{ip} is {kind}"))
    }

    /// Why `url` may not be called because of an address written in it, if it may not.
    pub fn refusal(self, url: &Url) -> Option<String> {
        self.refusal_of_address(written_address(url)?)
    }

    /// The addresses `host` resolves to, if every one of them is allowed.
    ///
    /// # Errors
    /// [`Unreachable::Refused`] naming a refused address, or [`Unreachable::Unresolved`].
    pub async fn lookup(self, host: &str, port: u16) -> Result<Vec<SocketAddr>, Unreachable> {
        let unresolved = |why: String| Unreachable::Unresolved(format!("{host} {why}"));
        let found: Vec<SocketAddr> =
            tokio::time::timeout(RESOLVE_TIMEOUT, tokio::net::lookup_host((host, port)))
                .await
                .map_err(|_| unresolved("did not resolve in time".to_owned()))?
                .map_err(|e| unresolved(format!("is not a known server name ({e})")))?
                .collect();
        if found.is_empty() {
            return Err(unresolved("resolves to no address".to_owned()));
        }
        if let Some(refusal) = found.iter().find_map(|a| self.refusal_of_address(a.ip())) {
            return Err(Unreachable::Refused(format!("{host}: {refusal}")));
        }
        Ok(found)
    }

    /// Why `url` may not be called, if it may not: an address written in it, or a host name
    /// that resolves to a refused address or to none. Said ahead so a person reads it; the
    /// resolver enforces it on every connection.
    ///
    /// # Errors
    /// As [`Self::lookup`].
    pub async fn check(self, url: &Url) -> Result<(), Unreachable> {
        if let Some(refusal) = self.refusal(url) {
            return Err(Unreachable::Refused(refusal));
        }
        let Some(host) = url.host_str() else {
            return Err(Unreachable::Refused(
                "the address names no server".to_owned(),
            ));
        };
        if written_address(url).is_some() {
            return Ok(());
        }
        let port = url.port_or_known_default().unwrap_or(443);
        self.lookup(host, port).await.map(drop)
    }

    /// The resolver for `reqwest::ClientBuilder::dns_resolver`.
    pub fn resolver(self) -> Arc<Self> {
        Arc::new(self)
    }

    /// The guard's refusal among the causes of a failed request, if it was one.
    pub fn refusal_in(error: &(dyn std::error::Error + 'static)) -> Option<String> {
        let mut cause = Some(error);
        while let Some(inner) = cause {
            if let Some(Unreachable::Refused(refusal)) = inner.downcast_ref::<Unreachable>() {
                return Some(refusal.clone());
            }
            cause = inner.source();
        }
        None
    }
}

impl Resolve for AddressGuard {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = *self;
        Box::pin(async move {
            let found = guard.lookup(name.as_str(), 0).await?;
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

/// The IP address written as `url`'s host, if it is one (not a name).
fn written_address(url: &Url) -> Option<IpAddr> {
    let host = url.host_str()?;
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

/// What kind of address `ip` is, if it is one never connected to.
fn never_allowed(ip: IpAddr) -> Option<&'static str> {
    const METADATA_V6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254);
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => Some("an unspecified address"),
        IpAddr::V4(v4) if v4.is_multicast() || v4.is_broadcast() => Some("a multicast address"),
        IpAddr::V4(v4) if v4 == Ipv4Addr::new(169, 254, 169, 254) => {
            Some("the cloud metadata address")
        }
        IpAddr::V6(v6) if v6.is_unspecified() => Some("an unspecified address"),
        IpAddr::V6(v6) if v6.is_multicast() => Some("a multicast address"),
        IpAddr::V6(v6) if v6 == METADATA_V6 => Some("the cloud metadata address"),
        _ => None,
    }
}

/// What kind of address `ip` is, if it is not an ordinary address on the internet.
fn private(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            if v4.is_loopback() {
                Some("a loopback address")
            } else if v4.is_private() {
                Some("a private address")
            } else if v4.is_link_local() {
                Some("a link-local address")
            } else if a == 100 && (64..128).contains(&b) {
                Some("a carrier-grade NAT address")
            } else if v4.is_documentation()
                || a == 0
                || a >= 240
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (18..20).contains(&b))
            {
                Some("a reserved address")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            let [first, second, ..] = v6.segments();
            if v6.is_loopback() {
                Some("a loopback address")
            } else if first & 0xfe00 == 0xfc00 {
                Some("a private (unique local) address")
            } else if first & 0xffc0 == 0xfe80 || first & 0xffc0 == 0xfec0 {
                Some("a link-local address")
            } else if first == 0x2001 && second == 0x0db8 {
                Some("a reserved address")
            } else {
                None
            }
        }
    }
}

/// The IPv4 address inside `ip` when it is IPv4-mapped or NAT64 (`64:ff9b::/96`), else `ip`.
fn unwrapped(ip: IpAddr) -> IpAddr {
    let IpAddr::V6(v6) = ip else {
        return ip;
    };
    if let Some(v4) = v6.to_ipv4_mapped() {
        return IpAddr::V4(v4);
    }
    if v6.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let [.., a, b, c, d] = v6.octets();
        return IpAddr::V4(Ipv4Addr::new(a, b, c, d));
    }
    ip
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(guard: AddressGuard, ip: &str) -> bool {
        guard.refusal_of_address(ip.parse().unwrap()).is_some()
    }

    #[test]
    fn loopback_private_link_local_cgnat_and_reserved_addresses_are_refused_by_default() {
        let guard = AddressGuard::new(false);
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.1.1",
            "100.64.0.1",
            "0.0.0.1",
            "192.0.2.1",
            "198.18.0.1",
            "::1",
            "fd12::1",
            "fe80::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(refused(guard, ip), "{ip} let through");
        }
        for ip in [
            "93.184.215.14",
            "100.128.0.1",
            "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
            "64:ff9b::5db8:d70e",
        ] {
            assert!(!refused(guard, ip), "{ip} refused");
        }
    }

    #[test]
    fn metadata_unspecified_and_multicast_addresses_are_refused_even_when_private_ones_are_allowed()
    {
        let guard = AddressGuard::new(true);
        for ip in [
            "169.254.169.254",
            "fd00:ec2::254",
            "::ffff:169.254.169.254",
            "0.0.0.0",
            "::",
            "224.0.0.1",
            "255.255.255.255",
            "ff02::1",
        ] {
            assert!(refused(guard, ip), "{ip} let through");
        }
        assert!(!refused(guard, "127.0.0.1"));
        assert!(!refused(guard, "10.0.0.1"));
    }

    #[test]
    fn addresses_written_in_a_url_are_judged_without_resolving() {
        let guard = AddressGuard::new(false);
        let refusal = |url: &str| guard.refusal(&Url::parse(url).unwrap());
        assert!(refusal("https://169.254.169.254/latest/").is_some());
        assert!(refusal("https://[::1]:5232/ann/").is_some());
        assert_eq!(refusal("https://dav.example.org/ann/"), None);
    }

    #[tokio::test]
    async fn a_host_name_is_judged_by_every_address_it_resolves_to() {
        let url = Url::parse("http://localhost:9/hooks").unwrap();
        let refusal = AddressGuard::new(false).check(&url).await.unwrap_err();
        assert!(
            matches!(&refusal, Unreachable::Refused(r) if r.contains("loopback")),
            "{refusal:?}"
        );
        AddressGuard::new(true).check(&url).await.unwrap();
    }

    #[tokio::test]
    async fn the_resolver_refuses_a_name_with_a_refused_address_and_says_why() {
        let refused = AddressGuard::new(false)
            .resolve("localhost".parse().unwrap())
            .await
            .err()
            .unwrap();
        assert!(AddressGuard::refusal_in(refused.as_ref()).is_some());
        let found: Vec<SocketAddr> = AddressGuard::new(true)
            .resolve("localhost".parse().unwrap())
            .await
            .unwrap()
            .collect();
        assert!(!found.is_empty() && found.iter().all(|a| a.ip().is_loopback()));
    }
}

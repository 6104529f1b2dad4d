//! [`WebhookSender`] over reqwest, with the SSRF guard: a URL's host is resolved, every address
//! it resolves to is checked, and the request connects to a checked address (never resolving
//! again, so a DNS answer that changes in between cannot point it elsewhere). Redirects are not
//! followed and proxies from the environment are not used.
//!
//! Refused always: unspecified (`0.0.0.0`, `::`), multicast, broadcast and cloud metadata
//! addresses (`169.254.169.254`, `fd00:ec2::254`). Refused unless private targets are allowed
//! (a setting tests and closed networks turn on): loopback, private (RFC 1918, IPv6 unique
//! local `fc00::/7`), link-local, carrier-grade NAT (`100.64.0.0/10`) and IPv4 "this network"
//! or reserved ranges. IPv4 addresses inside IPv6 (`::ffff:a.b.c.d`, NAT64) are judged as IPv4.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use application::ports::{
    SendError, TargetRefused, WebhookRequest, WebhookResponse, WebhookSender, error_chain,
    excerpt_of, webhooks::RESPONSE_EXCERPT_BYTES,
};
use async_trait::async_trait;
use domain::WebhookUrl;

/// The longest a host name's resolution may take.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(2);

/// How webhooks are posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookHttpConfig {
    /// The longest a post may take, connecting included.
    pub timeout: Duration,
    /// Whether loopback, private, link-local and CGNAT addresses may be posted to.
    pub allow_private_targets: bool,
}

/// Posts signed webhooks.
#[derive(Debug, Clone)]
pub struct HttpWebhookSender {
    config: WebhookHttpConfig,
}

/// Why `ip` may never be posted to, whatever the settings.
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

/// Why `ip` may not be posted to unless private targets are allowed.
fn private(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            if v4.is_loopback() {
                Some("a loopback address")
            } else if v4.is_private() {
                Some("a private address")
            } else if v4.is_link_local() {
                Some("a link-local address")
            } else if a == 100 && (64..128).contains(&b) {
                Some("a carrier-grade NAT address")
            } else if a == 0 || a >= 240 {
                Some("a reserved address")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            if v6.is_loopback() {
                Some("a loopback address")
            } else if first & 0xfe00 == 0xfc00 {
                Some("a private (unique local) address")
            } else if first & 0xffc0 == 0xfe80 || first & 0xffc0 == 0xfec0 {
                Some("a link-local address")
            } else {
                None
            }
        }
    }
}

/// The IPv4 address inside `ip` when it is IPv4-mapped or NAT64 (`64:ff9b::/96`), else `ip`.
fn unwrapped(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return IpAddr::V4(v4);
            }
            if v6.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                let octets = v6.octets();
                return IpAddr::V4(Ipv4Addr::new(
                    octets[12], octets[13], octets[14], octets[15],
                ));
            }
            ip
        }
        IpAddr::V4(_) => ip,
    }
}

impl HttpWebhookSender {
    /// The sender per `config`.
    pub fn new(config: WebhookHttpConfig) -> Self {
        Self { config }
    }

    /// Whether the guard lets `ip` through.
    ///
    /// # Errors
    /// [`TargetRefused`] saying what kind of address it is.
    pub fn check_address(&self, ip: IpAddr) -> Result<(), TargetRefused> {
        let ip = unwrapped(ip);
        let reason = never_allowed(ip)
            .or_else(|| private(ip).filter(|_| !self.config.allow_private_targets));
        match reason {
            Some(reason) => Err(TargetRefused(format!("{ip} is {reason}"))),
            None => Ok(()),
        }
    }

    /// The addresses `url`'s host resolves to, all of them allowed.
    async fn resolve(&self, url: &WebhookUrl) -> Result<Vec<SocketAddr>, SendError> {
        let host = url.host();
        let lookup = tokio::net::lookup_host((host.as_str(), url.port()));
        let addresses: Vec<SocketAddr> = tokio::time::timeout(RESOLVE_TIMEOUT, lookup)
            .await
            .map_err(|_| SendError::Failed(format!("{host} did not resolve in time")))?
            .map_err(|e| SendError::Failed(format!("cannot resolve {host}: {e}")))?
            .collect();
        if addresses.is_empty() {
            return Err(SendError::Failed(format!("{host} resolves to no address")));
        }
        for address in &addresses {
            self.check_address(address.ip())?;
        }
        Ok(addresses)
    }

    fn client(
        &self,
        url: &WebhookUrl,
        addresses: &[SocketAddr],
    ) -> reqwest::Result<reqwest::Client> {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(self.config.timeout)
            .user_agent("BookYourServices-Webhooks/1")
            .resolve_to_addrs(&url.host(), addresses)
            .build()
    }
}

#[async_trait]
impl WebhookSender for HttpWebhookSender {
    async fn check(&self, url: &WebhookUrl) -> Result<(), TargetRefused> {
        match self.resolve(url).await {
            Err(SendError::Refused(refused)) => Err(refused),
            // A name that does not resolve now may later; the delivery checks again.
            Ok(_) | Err(SendError::Failed(_)) => Ok(()),
        }
    }

    #[tracing::instrument(skip_all, fields(message = %request.id))]
    async fn send(&self, request: &WebhookRequest) -> Result<WebhookResponse, SendError> {
        let addresses = self.resolve(&request.url).await?;
        let failed = |e: reqwest::Error| {
            if e.is_timeout() {
                SendError::Failed(format!(
                    "no answer within {} s",
                    self.config.timeout.as_secs()
                ))
            } else {
                SendError::Failed(error_chain(&e))
            }
        };
        let client = self.client(&request.url, &addresses).map_err(failed)?;
        let mut response = client
            .post(request.url.as_str())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("webhook-id", request.id.as_str())
            .header(
                "webhook-timestamp",
                request.timestamp.timestamp().to_string(),
            )
            .header("webhook-signature", &request.signature)
            .body(request.body.clone())
            .send()
            .await
            .map_err(failed)?;
        let status = response.status().as_u16();
        let mut body = Vec::new();
        while body.len() < RESPONSE_EXCERPT_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                // The status is what counts; a body cut short still leaves its start.
                Ok(None) | Err(_) => break,
            }
        }
        Ok(WebhookResponse {
            status,
            excerpt: excerpt_of(&String::from_utf8_lossy(&body)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sender(allow_private_targets: bool) -> HttpWebhookSender {
        HttpWebhookSender::new(WebhookHttpConfig {
            timeout: Duration::from_secs(15),
            allow_private_targets,
        })
    }

    fn refused(s: &HttpWebhookSender, ip: &str) -> bool {
        s.check_address(ip.parse().unwrap()).is_err()
    }

    #[test]
    fn private_loopback_link_local_and_cgnat_addresses_are_refused_by_default() {
        let s = sender(false);
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.1.1",
            "100.64.0.1",
            "0.0.0.1",
            "::1",
            "fd12::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(refused(&s, ip), "{ip}");
        }
        for ip in [
            "93.184.215.14",
            "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
            "100.128.0.1",
        ] {
            assert!(!refused(&s, ip), "{ip}");
        }
    }

    #[test]
    fn metadata_unspecified_and_multicast_addresses_are_refused_even_when_private_ones_are_allowed()
    {
        let s = sender(true);
        for ip in [
            "169.254.169.254",
            "fd00:ec2::254",
            "0.0.0.0",
            "::",
            "224.0.0.1",
            "ff02::1",
        ] {
            assert!(refused(&s, ip), "{ip}");
        }
        assert!(!refused(&s, "127.0.0.1"));
        assert!(!refused(&s, "10.0.0.1"));
    }

    #[tokio::test]
    async fn a_host_name_is_judged_by_the_addresses_it_resolves_to() {
        let url = WebhookUrl::parse("http://localhost:9/hooks").unwrap();
        let refusal = sender(false).check(&url).await.unwrap_err();
        assert!(refusal.0.contains("loopback"), "{refusal}");
        sender(true).check(&url).await.unwrap();
    }
}

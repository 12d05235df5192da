//! Which addresses the fetcher may connect to.
//!
//! Drafts and source lists come from anyone, and claimcheck runs inside CI runners and
//! newsroom networks. A URL (or a redirect from an innocent-looking page) that points at
//! the cloud metadata service, a database on the private network or a service on
//! loopback would have its answer saved into the corpus and quoted back as evidence:
//! server-side request forgery. So by default the fetcher refuses every address that is
//! not on the public internet: loopback, private (RFC 1918), shared (carrier-grade NAT),
//! link-local (the metadata service lives at 169.254.169.254), unique-local, multicast,
//! broadcast, reserved and unspecified, in IPv4 and IPv6 (IPv4-mapped IPv6 included).
//!
//! The check runs on the *resolved* address of every connection: [`GuardedResolver`]
//! is the DNS resolver of the HTTP client, so a name that resolves to a private address
//! (or starts to between two requests, DNS rebinding) is refused at connect time, and
//! [`AddressGuard::check_url`] refuses IP-literal hosts (which skip the resolver) on the
//! first request and on every redirect. `--allow-address ADDR_OR_CIDR` (and
//! `allow-addresses` in `claimcheck.toml`) permits exactly the listed addresses.
//!
//! A proxy taken from the environment is connected to through the same resolver, so a
//! proxy on a private address needs `--allow-address` too; what the proxy itself then
//! reaches is the proxy's responsibility.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use ipnet::IpNet;
use url::{Host, Url};

use super::error::FetchError;

/// Why an address is not on the public internet, or `None` when it is.
pub fn non_public(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return non_public_v4(v4);
            }
            let seg = v6.segments();
            if v6.is_unspecified() {
                Some("unspecified")
            } else if v6.is_loopback() {
                Some("loopback")
            } else if v6.is_multicast() {
                Some("multicast")
            } else if seg[0] & 0xfe00 == 0xfc00 {
                Some("unique-local")
            } else if seg[0] & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else if seg[0] & 0xffc0 == 0xfec0 {
                Some("site-local")
            } else if seg[..6] == [0, 0, 0, 0, 0, 0] {
                // IPv4-compatible (deprecated) addresses embed an IPv4 address.
                let [a, b] = [seg[6], seg[7]];
                let v4 = Ipv4Addr::new((a >> 8) as u8, a as u8, (b >> 8) as u8, b as u8);
                non_public_v4(v4).or(Some("reserved"))
            } else if seg[0] == 0x64 && seg[1] == 0xff9b {
                // NAT64 well-known prefix: the IPv4 address is in the last 32 bits.
                let [a, b] = [seg[6], seg[7]];
                let v4 = Ipv4Addr::new((a >> 8) as u8, a as u8, (b >> 8) as u8, b as u8);
                non_public_v4(v4)
            } else {
                None
            }
        }
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    if ip.is_unspecified() || a == 0 {
        Some("unspecified")
    } else if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_private() {
        Some("private")
    } else if a == 100 && (64..128).contains(&b) {
        Some("shared (carrier-grade NAT)")
    } else if ip.is_link_local() {
        Some("link-local")
    } else if ip.is_multicast() {
        Some("multicast")
    } else if ip.is_broadcast() {
        Some("broadcast")
    } else if a >= 240 || (a == 192 && b == 0 && ip.octets()[2] == 0) {
        Some("reserved")
    } else {
        None
    }
}

/// The addresses the user allowed on top of the public internet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressGuard {
    allow: Vec<IpNet>,
}

impl AddressGuard {
    pub fn new(allow: Vec<IpNet>) -> AddressGuard {
        AddressGuard { allow }
    }

    /// The allowed networks, as given.
    pub fn allowed(&self) -> &[IpNet] {
        &self.allow
    }

    /// `Err` naming the address and its class when it may not be connected to.
    pub fn check_ip(&self, host: &str, ip: IpAddr) -> Result<(), FetchError> {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        match non_public(ip) {
            Some(class) if !self.allow.iter().any(|n| n.contains(&ip)) => {
                Err(FetchError::Refused {
                    host: host.to_string(),
                    addr: ip.to_string(),
                    class,
                })
            }
            _ => Ok(()),
        }
    }

    /// Refuse a URL whose host is an IP literal that may not be reached. Names are
    /// checked when they resolve (see [`GuardedResolver`]).
    pub fn check_url(&self, url: &Url) -> Result<(), FetchError> {
        let ip = match url.host() {
            Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
            Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
            _ => return Ok(()),
        };
        self.check_ip(url.host_str().unwrap_or_default(), ip)
    }

    /// Keep the resolved addresses that may be reached; `Err` for the first refused
    /// one when none may.
    pub fn filter(
        &self,
        host: &str,
        addrs: Vec<SocketAddr>,
    ) -> Result<Vec<SocketAddr>, FetchError> {
        let mut refused = None;
        let mut kept = Vec::with_capacity(addrs.len());
        for a in addrs {
            match self.check_ip(host, a.ip()) {
                Ok(()) => kept.push(a),
                Err(e) => {
                    refused.get_or_insert(e);
                }
            }
        }
        match (kept.is_empty(), refused) {
            (true, Some(e)) => Err(e),
            (true, None) => Err(FetchError::Connect(format!("{host} has no address"))),
            _ => Ok(kept),
        }
    }
}

/// Parse `--allow-address` values: an address (`127.0.0.1`, `::1`) or a network in CIDR
/// notation (`10.0.0.0/8`).
pub fn parse_allowed(s: &str) -> Result<IpNet, String> {
    let t = s.trim();
    if let Ok(net) = t.parse::<IpNet>() {
        return Ok(net.trunc());
    }
    let bare = t.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => Ok(IpNet::from(ip)),
        Err(_) => Err(format!(
            "'{s}' is not an IP address or a CIDR network, e.g. 127.0.0.1 or 10.0.0.0/8"
        )),
    }
}

/// The HTTP client's DNS resolver: the system resolver, then [`AddressGuard::filter`].
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    pub guard: Arc<AddressGuard>,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let guard = Arc::clone(&self.guard);
        Box::pin(async move {
            let host = name.as_str().to_string();
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> {
                    Box::new(FetchError::Dns {
                        host: host.clone(),
                        cause: e.to_string(),
                    })
                })?
                .collect();
            let kept = guard
                .filter(&host, addrs)
                .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { Box::new(e) })?;
            let addrs: reqwest::dns::Addrs = Box::new(kept.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(s: &str) -> bool {
        non_public(s.parse().unwrap()).is_some()
    }

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for a in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "0.1.2.3",
            "224.0.0.1",
            "255.255.255.255",
            "240.0.0.1",
            "::",
            "::1",
            "fe80::1",
            "fd00::1",
            "fc00::abcd",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
        ] {
            assert!(refused(a), "{a} should be refused");
        }
        for a in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(!refused(a), "{a} should be public");
        }
    }

    #[test]
    fn allow_list_permits_exactly_what_it_names() {
        let g = AddressGuard::new(vec![parse_allowed("127.0.0.1").unwrap()]);
        assert!(g.check_ip("h", "127.0.0.1".parse().unwrap()).is_ok());
        assert!(g.check_ip("h", "::ffff:127.0.0.1".parse().unwrap()).is_ok());
        let e = g.check_ip("h", "127.0.0.2".parse().unwrap()).unwrap_err();
        assert!(e.to_string().contains("127.0.0.2"), "{e}");
        assert!(g.check_ip("h", "169.254.169.254".parse().unwrap()).is_err());
        let net = AddressGuard::new(vec![parse_allowed("10.0.0.0/8").unwrap()]);
        assert!(net.check_ip("h", "10.9.8.7".parse().unwrap()).is_ok());
        assert!(net.check_ip("h", "11.0.0.1".parse().unwrap()).is_ok());
        assert!(net.check_ip("h", "192.168.0.1".parse().unwrap()).is_err());
    }

    #[test]
    fn allow_values_parse_or_say_what_is_expected() {
        assert_eq!(parse_allowed("[::1]").unwrap().to_string(), "::1/128");
        assert_eq!(
            parse_allowed("10.1.2.3/8").unwrap().to_string(),
            "10.0.0.0/8"
        );
        let e = parse_allowed("localhost").unwrap_err();
        assert!(e.contains("CIDR"), "{e}");
    }

    #[test]
    fn literal_hosts_in_every_spelling_are_refused() {
        let g = AddressGuard::default();
        // The URL parser turns decimal, hex and short forms into the address.
        for u in [
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://127.1/",
            "http://0.0.0.0/",
            "http://[::1]/",
            "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
            "http://169.254.169.254/latest/meta-data/",
        ] {
            let url = Url::parse(u).unwrap();
            assert!(
                matches!(g.check_url(&url), Err(FetchError::Refused { .. })),
                "{u}"
            );
        }
        assert!(
            g.check_url(&Url::parse("http://example.org/").unwrap())
                .is_ok()
        );
    }

    #[test]
    fn filter_keeps_public_addresses_only() {
        let g = AddressGuard::default();
        let a: SocketAddr = "10.0.0.1:0".parse().unwrap();
        let b: SocketAddr = "93.184.216.34:0".parse().unwrap();
        assert_eq!(g.filter("h", vec![a, b]).unwrap(), vec![b]);
        assert!(matches!(
            g.filter("h", vec![a]),
            Err(FetchError::Refused { .. })
        ));
    }
}

//! IP addresses that can point at a person: IPv4 in dotted decimal and IPv6 in RFC 4291 text form
//! (with `::` compression and an optional embedded IPv4 tail), parsed by the standard library.
//! Only globally routable unicast addresses pass: private, shared (CGNAT), loopback, link-local,
//! multicast, broadcast, unspecified, benchmarking and documentation ranges are rejected, since
//! they name machines inside a network or in examples, never a subscriber on the internet.
//! Invariant: no allocation (`str::parse` on the stack).

use std::net::{Ipv4Addr, Ipv6Addr};

pub(super) fn ip_address(value: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(value) else {
        return false;
    };
    if text.contains(':') {
        text.parse::<Ipv6Addr>().is_ok_and(global_v6)
    } else {
        text.parse::<Ipv4Addr>().is_ok_and(global_v4)
    }
}

fn global_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let reserved = ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_unspecified()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        // Shared address space for carrier-grade NAT (RFC 6598) and benchmarking (RFC 2544).
        || (a == 100 && (64..=127).contains(&b))
        || (a == 198 && (b == 18 || b == 19))
        // IETF protocol assignments (RFC 6890).
        || (a == 192 && b == 0 && c == 0);
    !reserved
}

fn global_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return global_v4(v4);
    }
    let first = ip.segments()[0];
    let reserved = ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // Unique local fc00::/7, link-local fe80::/10, documentation 2001:db8::/32.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        // Only 2000::/3 is allocated as global unicast.
        || (first & 0xe000) != 0x2000;
    !reserved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_address_accepts_public_v4_and_v6() {
        assert!(ip_address(b"81.2.69.160"));
        assert!(ip_address(b"2a00:1450:4009:81f::200e"));
        assert!(ip_address(b"2606:4700:4700::1111"));
        assert!(ip_address(b"::ffff:81.2.69.160"));
    }

    #[test]
    fn ip_address_rejects_private_loopback_and_documentation() {
        for value in [
            "10.1.2.3",
            "172.16.0.9",
            "192.168.1.20",
            "127.0.0.1",
            "169.254.10.1",
            "100.64.1.1",
            "192.0.2.15",
            "198.51.100.7",
            "203.0.113.9",
            "255.255.255.255",
            "0.0.0.0",
            "224.0.0.251",
            "::1",
            "fe80::1ff:fe23:4567:890a",
            "fd12:3456:789a::1",
            "2001:db8::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!ip_address(value.as_bytes()), "{value}");
        }
    }

    #[test]
    fn ip_address_rejects_malformed_text() {
        for value in [
            "256.1.2.3",
            "81.2.69",
            "81.2.69.160.5",
            "081.2.69.160",
            "2a00:::1",
            "2a00:1450",
            "1.2.3.4x",
        ] {
            assert!(!ip_address(value.as_bytes()), "{value}");
        }
    }
}

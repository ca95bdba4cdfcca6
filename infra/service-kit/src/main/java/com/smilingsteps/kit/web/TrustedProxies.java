package com.smilingsteps.kit.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client-address rule every service follows. A client may send any X-Forwarded-For it likes,
 * so the header counts only when the connection comes from a trusted proxy, and then only its
 * right-most address that is not itself a trusted proxy. Proxies are given as CIDR ranges
 * ({@code 10.0.0.0/8}, {@code fc00::/7}) or single addresses, IPv4 or IPv6. Only address literals
 * are accepted: nothing here ever does a name lookup (a resolver timeout per request is an outage).
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Trusts nobody: forwarding headers are always ignored. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** @throws IllegalArgumentException naming the first entry that is not an address or a CIDR range */
    public static TrustedProxies of(Collection<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry == null ? "" : entry.trim();
            if (!trimmed.isEmpty()) {
                ranges.add(Range.parse(trimmed));
            }
        }
        return new TrustedProxies(ranges);
    }

    /** True when {@code address} (a literal) lies in a trusted range; false for anything unparsable. */
    public boolean trusts(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The caller's address for a connection from {@code peer} carrying {@code forwardedFor}. */
    public String clientAddress(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusts(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            if (literal(hop) == null) {
                return peer; // a trusted proxy wrote something that is not an address: believe none of it
            }
            if (!trusts(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /**
     * The scheme the client used: a trusted proxy's {@code X-Forwarded-Proto} (the TLS terminator
     * in front), otherwise the connection's own; lower-cased.
     */
    public String scheme(String peer, String forwardedProto, String connectionScheme) {
        String scheme = forwardedProto != null && !forwardedProto.isBlank() && trusts(peer) ? forwardedProto
                : connectionScheme;
        return scheme == null ? "http" : scheme.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** The address bytes of an IPv4/IPv6 literal (IPv4-mapped IPv6 as IPv4), or null. */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        String candidate = text;
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        int zone = candidate.indexOf('%');
        if (zone >= 0) {
            candidate = candidate.substring(0, zone);
        }
        boolean v6 = candidate.indexOf(':') >= 0 && candidate.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0);
        if (!v6 && !IPV4.matcher(candidate).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("trusted proxy '" + entry + "' is not an IP address or CIDR range");
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("trusted proxy '" + entry + "' has an invalid prefix length");
                }
            }
            return new Range(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}

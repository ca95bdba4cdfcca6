package com.smilingsteps.turn.credentials;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ICE server URL as RFC 7064 ({@code stun:}) and RFC 7065 ({@code turn:}, {@code turns:})
 * define it: {@code scheme:host[:port][?transport=udp|tcp]}, host a name, an IPv4 address or a
 * bracketed IPv6 address.
 */
public record IceUrl(String scheme, String host, int port, String transport, String text) {

    private static final Pattern SYNTAX = Pattern.compile(
            "(stun|stuns|turn|turns):(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+)(?::(\\d{1,5}))?(?:\\?transport=(udp|tcp))?");

    public static IceUrl parse(String text) {
        String trimmed = text.trim();
        Matcher matcher = SYNTAX.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a stun:/turn:/turns: URL: '" + trimmed
                    + "' (expected e.g. turn:turn.example.org:3478?transport=udp)");
        }
        String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
        if (scheme.startsWith("stun") && matcher.group(4) != null) {
            throw new IllegalArgumentException("a STUN URL has no transport parameter: '" + trimmed + "'");
        }
        boolean secure = scheme.endsWith("s");
        int port = matcher.group(3) == null ? (secure ? 5349 : 3478) : Integer.parseInt(matcher.group(3));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + trimmed + "'");
        }
        return new IceUrl(scheme, matcher.group(2), port, matcher.group(4), trimmed);
    }

    public boolean isTurn() {
        return scheme.startsWith("turn");
    }

    /** A plain {@code turn:} or {@code stun:} endpoint, which also answers STUN Binding over UDP. */
    public boolean isPlain() {
        return scheme.equals("turn") || scheme.equals("stun");
    }

    /** {@code host:port}, the name this endpoint is reported under in health and metrics. */
    public String endpoint() {
        return host + ":" + port;
    }

    /** The host without IPv6 brackets, for name resolution. */
    public String hostName() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}

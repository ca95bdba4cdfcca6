package com.smilingsteps.gateway.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.vertx.core.MultiMap;

/**
 * Finds the access token wherever our clients put it: {@code Authorization: Bearer}, the
 * existing client's {@code x-auth-token}, the browser WebSocket's {@code bearer-token-carrier}
 * subprotocol, or an {@code access_token} query parameter on the WebSocket upgrade.
 */
public final class AccessTokenExtractor {

    static final String SUBPROTOCOL_PREFIX = "quarkus-http-upgrade#Authorization#";

    private AccessTokenExtractor() {
    }

    public static Optional<String> extract(MultiMap headers, MultiMap queryParams, boolean webSocketUpgrade) {
        Optional<String> fromHeader = bearer(headers.get("Authorization"));
        if (fromHeader.isPresent()) {
            return fromHeader;
        }
        String legacy = headers.get("x-auth-token");
        if (legacy != null && !legacy.isBlank()) {
            return Optional.of(legacy.trim());
        }
        if (!webSocketUpgrade) {
            return Optional.empty();
        }
        Optional<String> fromSubprotocol = fromSubprotocols(headers.getAll("Sec-WebSocket-Protocol"));
        if (fromSubprotocol.isPresent()) {
            return fromSubprotocol;
        }
        String query = queryParams.get("access_token");
        return query == null || query.isBlank() ? Optional.empty() : Optional.of(query.trim());
    }

    /**
     * {@code uri} without its {@code access_token} query parameter: the upstream gets the token in
     * the Authorization header, and a socket keeps its upgrade URI (and logs print it) for its life.
     */
    public static String withoutQueryToken(String uri) {
        int query = uri.indexOf('?');
        if (query < 0 || !uri.contains("access_token")) {
            return uri;
        }
        StringBuilder kept = new StringBuilder(uri.length()).append(uri, 0, query);
        char separator = '?';
        for (String parameter : uri.substring(query + 1).split("&")) {
            if (!parameter.isEmpty() && !parameter.equals("access_token") && !parameter.startsWith("access_token=")) {
                kept.append(separator).append(parameter);
                separator = '&';
            }
        }
        return kept.toString();
    }

    static Optional<String> fromSubprotocols(Iterable<String> headerValues) {
        for (String value : headerValues) {
            for (String protocol : value.split(",")) {
                String decoded = URLDecoder.decode(protocol.trim(), StandardCharsets.UTF_8);
                if (decoded.startsWith(SUBPROTOCOL_PREFIX)) {
                    return bearer(decoded.substring(SUBPROTOCOL_PREFIX.length()));
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7) && value.length() > 7) {
            return Optional.of(value.substring(7).trim());
        }
        return Optional.empty();
    }
}

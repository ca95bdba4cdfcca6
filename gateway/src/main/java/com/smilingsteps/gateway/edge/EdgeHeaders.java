package com.smilingsteps.gateway.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.smilingsteps.kit.web.TrustedProxies;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * What happens to every request at the edge: identity and forwarding headers a client sent are
 * dropped (services must only ever see the gateway's own), the request id is kept or made, the
 * caller's address and scheme are forwarded, and security headers go on every response.
 */
public final class EdgeHeaders {

    static final String CLIENT_IP = "gateway.client-ip";

    private static final List<String> DROPPED_PREFIXES = List.of("x-user-", "x-forwarded-");
    private static final List<String> DROPPED = List.of("forwarded", "x-real-ip", "x-client-ip", "x-remote-user",
            "x-authenticated-user", "x-auth-user", "x-identity", "x-roles");

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; "
            + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'; object-src 'none'";
    static final String PERMISSIONS_POLICY = "camera=(self), microphone=(self), display-capture=(self), "
            + "geolocation=(), payment=(), usb=()";

    private final TrustedProxies trustedProxies;

    public EdgeHeaders(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public void apply(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = request.headers();
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String clientIp = trustedProxies.clientAddress(remote, headers.get("X-Forwarded-For"));
        String proto = trustedProxies.scheme(remote, headers.get("X-Forwarded-Proto"), request.scheme());
        String host = request.authority() == null ? "" : request.authority().toString();

        List<String> spoofed = null;
        for (Map.Entry<String, String> header : headers) {
            if (dropped(header.getKey())) {
                spoofed = spoofed == null ? new ArrayList<>(2) : spoofed;
                spoofed.add(header.getKey());
            }
        }
        if (spoofed != null) {
            spoofed.forEach(headers::remove);
        }
        String requestId = RequestIds.acceptOrCreate(headers.get("X-Request-Id"));
        headers.set("X-Request-Id", requestId);
        headers.set("X-Forwarded-For", clientIp);
        headers.set("X-Forwarded-Proto", proto);
        headers.set("X-Forwarded-Host", host);
        headers.set("Forwarded", "for=\"" + clientIp + "\";proto=" + proto + ";host=\"" + host + "\"");
        ctx.put(CLIENT_IP, clientIp);

        boolean https = "https".equals(proto);
        ctx.addHeadersEndHandler(v -> {
            MultiMap out = ctx.response().headers();
            out.set("X-Request-Id", requestId);
            out.set("X-Content-Type-Options", "nosniff");
            out.set("Referrer-Policy", "no-referrer");
            out.set("X-Frame-Options", "DENY");
            out.set("Cross-Origin-Opener-Policy", "same-origin");
            out.set("Permissions-Policy", PERMISSIONS_POLICY);
            out.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            if (https) {
                out.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
        });
        ctx.next();
    }

    /** Case-insensitive, without lower-casing copies: this runs for every header of every request. */
    static boolean dropped(String name) {
        for (String prefix : DROPPED_PREFIXES) {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        for (String exact : DROPPED) {
            if (name.equalsIgnoreCase(exact)) {
                return true;
            }
        }
        return false;
    }

    public static String clientIp(RoutingContext ctx) {
        String ip = ctx.get(CLIENT_IP);
        return ip == null ? "unknown" : ip;
    }
}

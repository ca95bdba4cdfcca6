package com.smilingsteps.kit.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;

/** The client-address rule ({@link TrustedProxies}) configured by {@link ClientAddressConfig}. */
@ApplicationScoped
public class ClientAddresses {

    private final TrustedProxies trustedProxies;

    public ClientAddresses(ClientAddressConfig config) {
        this.trustedProxies = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
    }

    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /** The caller's address for the audit log and per-address limits; null when there is no peer. */
    public String of(HttpServerRequest request) {
        if (request == null) {
            return null;
        }
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return trustedProxies.clientAddress(peer, request.getHeader("X-Forwarded-For"));
    }

    /** True when the client reached us over TLS (directly, or at a trusted proxy that says so). */
    public boolean overTls(HttpServerRequest request) {
        if (request == null) {
            return false;
        }
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return "https".equals(trustedProxies.scheme(peer, request.getHeader("X-Forwarded-Proto"), request.scheme()));
    }
}

package com.smilingsteps.turn.credentials;

import io.vertx.core.http.HttpServerRequest;

/** The caller's IP for the audit log (the gateway's X-Forwarded-For is honoured by Quarkus' proxy settings). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}

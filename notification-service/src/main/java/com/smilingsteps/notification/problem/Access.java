package com.smilingsteps.notification.problem;

import io.vertx.core.http.HttpServerRequest;

/** How an HTTP request is named in audit records. */
public final class Access {

    private Access() {
    }

    public static String action(String method, String path) {
        if (path.startsWith("/api/notifications/failed")) {
            return "notifications.failed.read";
        }
        return "http." + method.toLowerCase() + " " + path;
    }

    public static String clientIp(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}

package com.smilingsteps.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.vertx.core.MultiMap;

/**
 * Keeps the gateway's own {@code /q/*} endpoints (metrics, OpenAPI) away from the public: they
 * answer only callers on a private network that reach the gateway directly, such as Prometheus or
 * a probe. A request that came through a proxy (the ingress, the host's TLS proxy, which always add
 * forwarding headers) or from a public address gets 404. Health stays open for load balancers.
 */
public final class InternalEndpoints {

    private InternalEndpoints() {
    }

    public static boolean allowed(String path, String remoteAddress, MultiMap headers) {
        if (!path.startsWith("/q/") || path.equals("/q/health") || path.startsWith("/q/health/")) {
            return true;
        }
        if (headers.contains("X-Forwarded-For") || headers.contains("Forwarded") || headers.contains("X-Real-IP")) {
            return false;
        }
        return isPrivate(remoteAddress);
    }

    static boolean isPrivate(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.]+")) {
            return false; // only literal addresses: never a name lookup on the request path
        }
        try {
            InetAddress ip = InetAddress.getByName(address);
            boolean uniqueLocal = ip.getAddress().length == 16 && (ip.getAddress()[0] & 0xfe) == 0xfc;
            return ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || uniqueLocal;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

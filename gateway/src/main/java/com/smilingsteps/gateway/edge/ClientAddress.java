package com.smilingsteps.gateway.edge;

import java.util.List;
import java.util.Set;

/**
 * The caller's IP as the services should audit it. A client may send any X-Forwarded-For it
 * likes, so the header counts only when the connection comes from a configured trusted proxy,
 * and then only its right-most address that is not itself a trusted proxy.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** True when the connection comes from a proxy whose forwarding headers are believed. */
    public boolean isTrusted(String remoteAddress) {
        return trustedProxies.contains(remoteAddress);
    }

    public String resolve(String remoteAddress, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(remoteAddress)) {
            return remoteAddress;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return remoteAddress;
    }
}

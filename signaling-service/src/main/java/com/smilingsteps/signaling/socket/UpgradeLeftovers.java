package com.smilingsteps.signaling.socket;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Drops what an accepted upgrade request carries that its socket never needs again. websockets-next
 * keeps the upgrade's routing context (and a copy of its headers) for the whole life of the
 * connection, so everything left in them is paid for by every idle socket (issue 16 goal 5): the
 * access token in two headers (about 2 KB) and the memoized chain that resolved the identity, with
 * the captured context of every stage and the token's credential (about 4 KB).
 */
@ApplicationScoped
public class UpgradeLeftovers {

    /** websockets-next's subprotocol that carries a header, here the access token (propagate-subprotocol-headers). */
    private static final String TOKEN_SUBPROTOCOL_PREFIX = "quarkus-http-upgrade";
    private static final String SUBPROTOCOLS = "Sec-WebSocket-Protocol";
    private static final String ROUTING = "signaling.upgradeRouting";

    /** Hands the upgrade's routing context to the upgrade check, which is given only the request. */
    void install(@Observes Router router) {
        router.route(SignalingSocket.PATH).order(Integer.MIN_VALUE + 1).handler(context -> {
            ContextLocals.put(ROUTING, context);
            context.next();
        });
    }

    /** The routing context of the upgrade being checked on this (request's) context, or null; called once. */
    static RoutingContext take() {
        RoutingContext routing = ContextLocals.<RoutingContext> get(ROUTING).orElse(null);
        ContextLocals.remove(ROUTING);
        return routing;
    }

    /**
     * Called once the upgrade is permitted. The identity is resolved and set as the request's user,
     * which is where websockets-next takes the connection's identity from, so neither the token nor
     * the chain that resolved it is needed. The token-carrying subprotocol is never one the server
     * selects (only {@code bearer-token-carrier} is supported), so dropping it from the offer leaves
     * the negotiation's outcome as it was.
     */
    static void drop(HttpServerRequest request, RoutingContext routing) {
        request.headers().remove(HttpHeaders.AUTHORIZATION);
        String offered = request.getHeader(SUBPROTOCOLS);
        if (offered != null && offered.contains(TOKEN_SUBPROTOCOL_PREFIX)) {
            String kept = Arrays.stream(offered.split(",")).map(String::strip)
                    .filter(protocol -> !protocol.startsWith(TOKEN_SUBPROTOCOL_PREFIX))
                    .collect(Collectors.joining(", "));
            if (kept.isEmpty()) {
                request.headers().remove(SUBPROTOCOLS);
            } else {
                request.headers().set(SUBPROTOCOLS, kept);
            }
        }
        if (routing != null && routing.user() instanceof QuarkusHttpUser) {
            routing.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        }
    }
}

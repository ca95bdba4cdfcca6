package com.smilingsteps.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Where each service runs: one or more base URLs; a host name may resolve to several instances. */
    Upstreams upstreams();

    /** How long to wait for a TCP connection to an upstream instance before trying the next. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** How long an upstream may stay silent during a request before the caller gets 504. */
    @WithDefault("30s")
    Duration requestTimeout();

    /** Open signaling WebSockets one gateway may hold to one signaling instance. */
    @WithDefault("50000")
    int maxWebSocketsPerInstance();

    /** How often upstream host names are resolved again (instances come and go when scaled). */
    @WithDefault("5s")
    Duration upstreamRefresh();

    /** Token-bucket limits per client IP, each over a set of path prefixes. */
    Map<String, RateLimit> rateLimits();

    /** How long a verified access token is remembered, so hot paths skip the RSA check. */
    @WithDefault("60s")
    Duration verifiedTokenCache();

    /**
     * How fast one WebSocket client's frames are read (a frame costs one token plus one per whole
     * 4 KiB): below signaling's own per-socket limit, so a fast sender is slowed, not closed.
     */
    WebSocketFrames webSocketFrames();

    interface WebSocketFrames {
        @WithDefault("40")
        double perSecond();

        @WithDefault("150")
        int burst();

        /**
         * The largest message (payload, fragments summed) signaling accepts: its
         * {@code max-message-size}. A larger one closes the client here (1009) before it is read.
         */
        @WithDefault("65536")
        long maxMessageBytes();
    }

    interface Upstreams {
        List<URI> session();

        List<URI> signaling();

        List<URI> turn();

        List<URI> notification();
    }

    interface RateLimit {
        List<String> paths();

        long capacity();

        Duration period();
    }
}

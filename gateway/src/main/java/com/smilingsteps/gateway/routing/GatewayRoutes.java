package com.smilingsteps.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.smilingsteps.gateway.GatewayConfig;
import com.smilingsteps.gateway.auth.AccessTokenExtractor;
import com.smilingsteps.gateway.auth.AccessTokenVerifier;
import com.smilingsteps.gateway.edge.EdgeHeaders;
import com.smilingsteps.gateway.edge.InternalEndpoints;
import com.smilingsteps.gateway.edge.Problems;
import com.smilingsteps.gateway.ratelimit.RateLimiter;
import com.smilingsteps.gateway.routing.RouteTable.Match;
import com.smilingsteps.gateway.routing.RouteTable.Upstream;
import com.smilingsteps.gateway.routing.UpstreamPool.Instance;
import com.smilingsteps.kit.auth.KeysUnavailable;
import com.smilingsteps.kit.auth.SessionScope;
import com.smilingsteps.kit.web.ClientAddresses;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.micrometer.runtime.binder.vertx.HttpRequestMetric;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The gateway's request path: edge headers for everything, then for {@code /api} and {@code /ws}:
 * path sanity, route lookup, rate limit, access-token check, and the reverse proxy (Vert.x HTTP
 * proxy) to an instance of the owning service, WebSocket upgrades included.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
    // After Quarkus' CORS filter (which answers pre-flight requests), before everything else.
    private static final int EDGE_ORDER = -250;
    /** The upgrade URL's query parameter that picks the signaling instance. */
    static final String AFFINITY_PARAMETER = "session";
    /** The metrics label of requests refused before a route matched (bad or unknown paths). */
    static final String UNROUTED = "UNROUTED";
    /** The metrics label of everything the SPA serves (its routes, assets and any other path). */
    static final String SPA = "/*";
    /** How often, and after how long unused, WebSocket callers' full frame budgets are forgotten. */
    private static final Duration BUDGET_SWEEP = Duration.ofMinutes(1);

    private final RouteTable routes = new RouteTable();
    private final GatewayConfig config;
    private final Upstreams upstreams;
    private final AccessTokenVerifier verifier;
    private final EdgeHeaders edgeHeaders;
    private final RateLimiter rateLimiter;
    private final MeterRegistry metrics;
    private final Map<Upstream, HttpProxy> proxies = new EnumMap<>(Upstream.class);
    private final FrameBudgets frameBudgets;
    private Vertx vertx;
    private HttpClient webSocketClient;

    GatewayRoutes(GatewayConfig config, Upstreams upstreams, AccessTokenVerifier verifier, MeterRegistry metrics,
            ClientAddresses clientAddresses) {
        this.config = config;
        this.upstreams = upstreams;
        this.verifier = verifier;
        this.metrics = metrics;
        this.edgeHeaders = new EdgeHeaders(clientAddresses.trustedProxies());
        this.frameBudgets = new FrameBudgets(config.webSocketFrames().perSecond(), config.webSocketFrames().burst(),
                System::nanoTime);
        this.rateLimiter = new RateLimiter(config.rateLimits().entrySet().stream()
                .map(e -> new RateLimiter.Rule(e.getKey(), e.getValue().paths(), e.getValue().capacity(), e.getValue().period()))
                .toList());
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpClient restClient = vertx.createHttpClient(clientOptions(256));
        // A proxied WebSocket keeps its upstream connection for its whole life, and that connection
        // counts against the client's pool: signaling (the only WebSocket route) gets a pool sized
        // for open calls, not for concurrent requests.
        this.vertx = vertx;
        this.webSocketClient = vertx.createHttpClient(clientOptions(config.maxWebSocketsPerInstance()));
        vertx.setPeriodic(BUDGET_SWEEP.toMillis(), id -> frameBudgets.sweep(BUDGET_SWEEP.toNanos()));
        for (Upstream upstream : Upstream.values()) {
            UpstreamPool pool = upstreams.pool(upstream);
            HttpClient client = upstream == Upstream.SIGNALING ? webSocketClient : restClient;
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions(), client)
                    .origin(context -> connect(pool, context))
                    .addInterceptor(new ProblemOnUpstreamFailure(pool.service()));
            proxies.put(upstream, proxy);
        }
        // Before the edge handler, which replaces the forwarding headers this check looks at.
        router.route("/q/*").order(EDGE_ORDER - 1).handler(this::internalOnly);
        router.route().order(EDGE_ORDER).handler(ctx -> {
            String path = ctx.request().path();
            // The SPA answers any path; forward() labels /api and /ws (the first label set is kept).
            if (!path.startsWith("/q/") && !path.equals("/api") && !path.startsWith("/api/") && !path.startsWith("/ws/")) {
                labelMetrics(ctx, SPA);
            }
            edgeHeaders.apply(ctx);
        });
        router.route("/api").handler(this::forward);
        router.route("/api/*").handler(this::forward);
        router.route("/ws/*").handler(this::forward);
    }

    private void internalOnly(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String remote = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        // the path as the router matched it (escapes decoded, dot-segments removed): the raw one let
        // /%71/metrics or /q/health/../metrics through to the metrics behind this route
        if (InternalEndpoints.allowed(ctx.normalizedPath(), remote, request.headers())) {
            ctx.next();
            return;
        }
        metrics.counter("gateway_requests_refused_total", "reason", "not-found").increment();
        Problems.send(ctx.response(), 404, "not-found", "Not found", "No resource at " + request.path() + ".", request.path());
    }

    private HttpClientOptions clientOptions(int maxConnectionsPerInstance) {
        return new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(maxConnectionsPerInstance)
                .setDecompressionSupported(false);
    }

    private void forward(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause(); // nothing of the body may be lost while the token is checked asynchronously
        if (RouteTable.isSuspicious(request.path())) {
            labelMetrics(ctx, UNROUTED);
            deny(ctx, 400, "bad-path", "Bad request path", "The path contains sequences the gateway does not forward.");
            return;
        }
        // Routes and limits are matched on the path the upstream will see: /api/auth/%6Cogin is login.
        String path = RouteTable.decoded(request.path());
        Optional<Match> match = routes.match(path);
        if (match.isEmpty()) {
            labelMetrics(ctx, UNROUTED);
            deny(ctx, 404, "not-found", "Not found", "No service serves " + path + ".");
            return;
        }
        labelMetrics(ctx, match.get().route());
        Upstream upstream = match.get().upstream();
        if (!match.get().requiresToken()) {
            // Anonymous routes are limited per client address ...
            if (!rateLimited(ctx, path, "address:" + EdgeHeaders.clientIp(ctx))) {
                proxy(ctx, upstream, null, null);
            }
            return;
        }
        boolean upgrade = isWebSocketUpgrade(request);
        Optional<String> token = AccessTokenExtractor.extract(request.headers(), request.params(), upgrade);
        if (token.isEmpty()) {
            unauthorized(ctx, "An access token is required.");
            return;
        }
        Optional<AccessTokenVerifier.Verified> cached = verifier.cached(token.get());
        if (cached.isPresent()) {
            forwardAuthenticated(ctx, upstream, path, token.get(), cached.get());
            return;
        }
        Future<Optional<AccessTokenVerifier.Verified>> checked = verifier.verify(token.get());
        if (checked.isComplete()) {
            verified(ctx, upstream, path, token.get(), checked);
        } else {
            Context requestContext = Vertx.currentContext();
            checked.onComplete(result -> requestContext.runOnContext(v -> verified(ctx, upstream, path, token.get(),
                    result)));
        }
    }

    /** {@code check} failed: no verification keys could be fetched, so the token could not be checked. */
    private void verified(RoutingContext ctx, Upstream upstream, String path, String token,
            AsyncResult<Optional<AccessTokenVerifier.Verified>> check) {
        if (check.failed()) {
            // Not a 401: the token may be valid; a 401 sends the SPA to refresh its sign-in, a 503 to try again.
            ctx.response().putHeader("Retry-After", String.valueOf(KeysUnavailable.RETRY_AFTER_SECONDS));
            deny(ctx, 503, "keys-unavailable", "Service unavailable",
                    "Sign-ins cannot be checked at the moment; try again in a few seconds.");
        } else if (check.result().isPresent()) {
            forwardAuthenticated(ctx, upstream, path, token, check.result().get());
        } else {
            unauthorized(ctx, "The access token is invalid or expired.");
        }
    }

    /** ... and authenticated ones per user, so nobody else's traffic from a shared address uses up theirs. */
    private void forwardAuthenticated(RoutingContext ctx, Upstream upstream, String path, String token,
            AccessTokenVerifier.Verified caller) {
        if (caller.session() != null && upstream != Upstream.SESSION
                && !SessionScope.permits(ctx.request().method().name(), path, caller.session())) {
            // A join link's sign-in, outside its session's call, bound for a service without the kit's
            // filter. session-service applies the same rule itself and audits the refusal.
            deny(ctx, 403, SessionScope.REFUSED, "Forbidden", "This sign-in came from a join link and reaches only that "
                    + "session's call; sign in with your password for anything else.");
            return;
        }
        if (!rateLimited(ctx, path, "user:" + caller.subject())) {
            proxy(ctx, upstream, token, caller.subject());
        }
    }

    /** Answers 429 with Retry-After and returns true when the caller is over a limit of this path. */
    private boolean rateLimited(RoutingContext ctx, String path, String caller) {
        Optional<Duration> wait = rateLimiter.check(path, caller);
        if (wait.isEmpty()) {
            return false;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        ctx.response().putHeader("Retry-After", String.valueOf(seconds));
        deny(ctx, 429, "rate-limited", "Too many requests", "Try again in " + seconds + " s.");
        return true;
    }

    /** {@code caller}: the token's subject, whose WebSocket frames share one budget. */
    private void proxy(RoutingContext ctx, Upstream upstream, String token, String caller) {
        HttpServerRequest request = ctx.request();
        if (token != null) {
            // Upstreams read only the standard header; they verify the token again themselves.
            request.headers().set("Authorization", "Bearer " + token);
            request.headers().remove("x-auth-token");
        }
        if (isWebSocketUpgrade(request)) {
            String budget = caller != null ? caller : "address:" + EdgeHeaders.clientIp(ctx);
            tunnel(request, upstreams.pool(upstream), new FrameMeter(frameBudgets.of(budget),
                    config.webSocketFrames().maxMessageBytes()));
        } else {
            proxies.get(upstream).handle(request);
        }
    }

    private void tunnel(HttpServerRequest request, UpstreamPool pool, FrameMeter meter) {
        attempt(pool, pool.attemptOrder(request.getParam(AFFINITY_PARAMETER)), 0, webSocketClient, true).onComplete(upstream -> {
            if (upstream.succeeded()) {
                WebSocketTunnel.open(vertx, request, upstream.result(), meter, pool.service());
            } else {
                WebSocketTunnel.unreachable(request, pool.service());
            }
        });
    }

    private Future<HttpClientRequest> connect(UpstreamPool pool, ProxyContext context) {
        return attempt(pool, pool.attemptOrder(), 0, context.client(), false);
    }

    /**
     * The first instance in {@code order} that takes a connection. A WebSocket's order comes from
     * its session: both peers of a call meet on one signaling instance and their messages never
     * need the relay topic.
     */
    private Future<HttpClientRequest> attempt(UpstreamPool pool, List<Instance> order, int index, HttpClient client,
            boolean upgrade) {
        if (index >= order.size()) {
            return Future.failedFuture(new ConnectException("no reachable instance of " + pool.service()));
        }
        Instance instance = order.get(index);
        RequestOptions options = new RequestOptions().setHost(instance.host()).setPort(instance.port());
        if (!upgrade) {
            // A WebSocket may be quiet between heartbeats; a REST call may not hang.
            options.setIdleTimeout(config.requestTimeout().toMillis());
        }
        return client.request(options)
                .onSuccess(r -> pool.markUp(instance))
                .recover(failure -> {
                    pool.markDown(instance);
                    LOG.debugf("%s instance %s refused: %s", pool.service(), instance, failure.getMessage());
                    return attempt(pool, order, index + 1, client, upgrade);
                });
    }

    private void unauthorized(RoutingContext ctx, String detail) {
        deny(ctx, 401, "unauthorized", "Unauthorized", detail);
    }

    private void deny(RoutingContext ctx, int status, String type, String title, String detail) {
        metrics.counter("gateway_requests_refused_total", "reason", type).increment();
        ctx.request().resume();
        Problems.send(ctx.response(), status, type, title, detail, ctx.request().path());
    }

    /**
     * The {@code uri} tag of Quarkus' request metrics: the route, not the path. Paths carry ids
     * (sessions, users), and a series per id grows without bound and registers a new timer on the
     * request path.
     */
    private static void labelMetrics(RoutingContext ctx, String route) {
        HttpRequestMetric metric = HttpRequestMetric.getRequestMetric(ctx);
        if (metric != null) {
            metric.setTemplatePath(route);
        }
    }

    static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** Turns an upstream that refuses, fails or stays silent into a 502/504 problem, quickly. */
    private static final class ProblemOnUpstreamFailure implements ProxyInterceptor {

        private final String service;

        ProblemOnUpstreamFailure(String service) {
            this.service = service;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                boolean timeout = failure instanceof TimeoutException || failure instanceof NoStackTraceTimeoutException;
                int status = timeout ? 504 : 502;
                String detail = timeout ? "The " + service + " service did not answer in time."
                        : "The " + service + " service is unavailable.";
                ProxyResponse response = context.request().release().response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", Problems.CONTENT_TYPE)
                        .setBody(Body.body(Problems.body(status, timeout ? "upstream-timeout" : "upstream-unavailable",
                                timeout ? "Gateway timeout" : "Bad gateway", detail,
                                context.request().proxiedRequest().path())));
                return Future.succeededFuture(response);
            });
        }
    }
}

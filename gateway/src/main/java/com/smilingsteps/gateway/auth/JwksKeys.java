package com.smilingsteps.gateway.auth;

import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The verification keys of a JWKS at an http(s) URL, fetched without blocking, so a token is
 * verified on the event loop. smallrye-jwt would fetch them with a blocking client in the middle of
 * a verification, which is why Quarkus moves every such verification to a worker thread: a hop that
 * cost a never-seen token about 50 µs of the gateway's CPU (infra/benchmarks, session 24).
 * <p>
 * Each fetched key set gets its own smallrye parser over the JWKS text, with the mp.jwt rules of
 * {@code base} (algorithm, issuer, audience, skew) unchanged. Keys are fetched again every
 * {@code smallrye.jwt.jwks.refresh-interval} minutes, and when a token names a key id the set lacks
 * (a rotated key), at most once per {@code minRefetch}; a failed fetch keeps the keys it had.
 */
final class JwksKeys {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    /** One fetched key set: its parser and the key ids it holds. */
    private record KeySet(JWTParser parser, Set<String> kids) {
    }

    private final HttpClient http;
    private final JWTAuthContextInfo base;
    private final String url;
    private final long minRefetchNanos;
    private final LongSupplier nanoTime;
    private volatile KeySet current;
    /** Guarded by this: the fetch under way (waiters share it), and when the last one started. */
    private Future<KeySet> fetching;
    private long lastFetchStart;
    private boolean fetchedOnce;

    JwksKeys(Vertx vertx, JWTAuthContextInfo base, Duration minRefetch, LongSupplier nanoTime) {
        this.base = base;
        this.url = base.getPublicKeyLocation();
        this.minRefetchNanos = minRefetch.toNanos();
        this.nanoTime = nanoTime;
        // A fetch an hour needs no pooled connection, which could be stale after session-service restarts.
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                .setConnectTimeout((int) FETCH_TIMEOUT.toMillis()));
        Integer refreshMinutes = base.getJwksRefreshInterval();
        if (refreshMinutes != null && refreshMinutes > 0) {
            vertx.setPeriodic(Duration.ofMinutes(refreshMinutes).toMillis(), id -> fetch());
        }
    }

    /** True for a key location this class serves: an http(s) URL; file and classpath keys never block after loading. */
    static boolean remote(String location) {
        return location != null && (location.startsWith("http://") || location.startsWith("https://"));
    }

    /**
     * A parser holding the key {@code token} names, now when it is known; else after fetching the
     * set again (if allowed), or the current parser, which will refuse the token.
     */
    Future<JWTParser> parserFor(String token) {
        KeySet keys = current;
        String kid = keyId(token);
        if (keys != null && (kid == null || keys.kids().contains(kid))) {
            return Future.succeededFuture(keys.parser());
        }
        Future<KeySet> refetched = fetchUnlessRecent();
        if (refetched == null) {
            return keys == null ? Future.failedFuture("no verification keys") : Future.succeededFuture(keys.parser());
        }
        return refetched.map(KeySet::parser);
    }

    /** Starts a fetch now (at start-up and on the refresh timer). */
    synchronized Future<KeySet> fetch() {
        if (fetching != null) {
            return fetching;
        }
        lastFetchStart = nanoTime.getAsLong();
        fetchedOnce = true;
        Promise<KeySet> done = Promise.promise();
        fetching = done.future();
        RequestOptions request = new RequestOptions().setAbsoluteURI(url).setMethod(HttpMethod.GET)
                .setIdleTimeout(FETCH_TIMEOUT.toMillis());
        http.request(request)
                .compose(sent -> sent.send())
                .compose(answer -> answer.statusCode() == 200 ? answer.body()
                        : Future.failedFuture("HTTP " + answer.statusCode()))
                .map(this::keySet)
                .onComplete(result -> {
                    synchronized (this) {
                        fetching = null;
                    }
                    if (result.succeeded()) {
                        current = result.result();
                        done.complete(result.result());
                    } else {
                        LOG.warnf("verification keys not fetched from the JWKS URL (%s); keeping %s", result.cause().getMessage(),
                                current == null ? "none" : current.kids().size() + " known");
                        done.fail(result.cause());
                    }
                });
        return fetching;
    }

    private synchronized Future<KeySet> fetchUnlessRecent() {
        if (fetching != null) {
            return fetching;
        }
        if (fetchedOnce && nanoTime.getAsLong() - lastFetchStart < minRefetchNanos) {
            return null;
        }
        return fetch();
    }

    private KeySet keySet(Buffer body) {
        JsonArray keys = new JsonObject(body).getJsonArray("keys");
        Set<String> kids = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String kid = keys.getJsonObject(i).getString("kid");
            if (kid != null) {
                kids.add(kid);
            }
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo(base);
        info.setPublicKeyLocation(null);
        info.setPublicKeyContent(body.toString());
        return new KeySet(new DefaultJWTParser(info), Set.copyOf(kids));
    }

    /** The kid of a compact JWS's header, or null when it has none or the header is not JSON. */
    static String keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            Object kid = new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(token.substring(0, dot)))).getValue("kid");
            return kid instanceof String text ? text : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    void close() {
        http.close();
    }
}

package com.smilingsteps.kit.auth;

import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.AsyncResult;
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
 * The verification keys of a JWKS at an http(s) URL (as deployed: session-service's), fetched
 * without blocking, so tokens are verified on the event loop. smallrye-jwt fetches them with a
 * blocking client in the middle of a verification, which is why Quarkus authenticates on a worker
 * thread whenever the keys are remote: a hop per request (issue 16).
 * <p>
 * Each fetched key set gets its own smallrye parser over the JWKS text, with the mp.jwt rules
 * (algorithm, issuer, audience, skew) unchanged. Keys are fetched once the service listens, every
 * {@code smallrye.jwt.jwks.refresh-interval} minutes, and when a token names a key id the set lacks
 * (a rotated key), at most once per {@code kit.jwt.jwks-min-refetch} (once a second while the last
 * fetch failed); a failed fetch keeps the keys.
 * With keys in a file or on the classpath ({@link #remote()} false) this does nothing: smallrye-jwt
 * reads those once and never blocks again.
 */
@Singleton
public class JwksKeys {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FETCH_DEADLINE = Duration.ofSeconds(10);
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 30_000;
    private static final long WITHOUT_KEYS_REFETCH_NANOS = Duration.ofSeconds(1).toNanos();

    /** One fetched key set: its parser and the key ids it holds. */
    private record KeySet(JWTParser parser, Set<String> kids) {
    }

    private final Vertx vertx;
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
    /** The last fetch failed: an unknown kid cannot be told forged from new until one succeeds. */
    private volatile boolean lastFetchFailed;
    private long refreshTimer = -1;
    /** The one pending retry while there are no keys (-1: none), and the delay of the next one. */
    private long retryTimer = -1;
    private long retryDelayMillis = FIRST_RETRY_MILLIS;
    private boolean closed;

    @Inject
    JwksKeys(Vertx vertx, JWTAuthContextInfo mpJwt, JwtConfig config) {
        this(vertx, mpJwt, config.jwksMinRefetch(), System::nanoTime);
    }

    public JwksKeys(Vertx vertx, JWTAuthContextInfo base, Duration minRefetch, LongSupplier nanoTime) {
        this.base = base;
        this.url = base.getPublicKeyLocation();
        this.minRefetchNanos = minRefetch.toNanos();
        this.nanoTime = nanoTime;
        this.vertx = vertx;
        if (!remote()) {
            this.http = null;
            return;
        }
        // A fetch an hour needs no pooled connection, which could be stale after session-service restarts.
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                .setConnectTimeout((int) FETCH_TIMEOUT.toMillis()));
        Integer refreshMinutes = base.getJwksRefreshInterval();
        if (refreshMinutes != null && refreshMinutes > 0) {
            refreshTimer = vertx.setPeriodic(Duration.ofMinutes(refreshMinutes).toMillis(), id -> fetch());
        }
    }

    /** True when the keys are at an http(s) URL, which this class fetches; false for a file or classpath resource. */
    public boolean remote() {
        return url != null && (url.startsWith("http://") || url.startsWith("https://"));
    }

    /**
     * The first fetch, once the service's HTTP server listens: session-service verifies with its own
     * JWKS over loopback, which a fetch at start-up (before the port is open) could never reach; its
     * first tokens were then refused until the retry a second later.
     */
    void fetchOnceListening(@ObservesAsync HttpServerStart listening) {
        if (remote() && current == null) {
            fetch();
        }
    }

    /**
     * A parser holding the key {@code token} names, now when it is known; else after fetching the
     * set again (if allowed), or the current parser, which will refuse the token. Failed when the keys
     * could not be fetched: none are held, or the last fetch failed (the token's key may be the one
     * session-service has just started signing with).
     */
    public Future<JWTParser> parserFor(String token) {
        KeySet keys = current;
        String kid = keyId(token);
        if (holds(keys, kid)) {
            return Future.succeededFuture(keys.parser());
        }
        Future<KeySet> refetched = fetchUnlessRecent(kid);
        if (refetched == null) {
            // read again: a fetch may have ended since the first read (it sets the keys before it ends)
            KeySet latest = current;
            return latest == null || lastFetchFailed ? Future.failedFuture("no verification keys")
                    : Future.succeededFuture(latest.parser());
        }
        return refetched.map(KeySet::parser);
    }

    /** Starts a fetch now (at start-up and on the refresh timer). */
    synchronized Future<?> fetch() {
        if (fetching != null) {
            return fetching;
        }
        return startFetch();
    }

    private Future<KeySet> startFetch() {
        lastFetchStart = nanoTime.getAsLong();
        fetchedOnce = true;
        Promise<KeySet> done = Promise.promise();
        fetching = done.future();
        RequestOptions request = new RequestOptions().setAbsoluteURI(url).setMethod(HttpMethod.GET)
                .setIdleTimeout(FETCH_TIMEOUT.toMillis());
        // The timeouts below bound each wait, not the whole: a body trickling in would hold the fetch for ever.
        long deadline = vertx.setTimer(FETCH_DEADLINE.toMillis(), id -> settle(done,
                Future.failedFuture("no whole answer within " + FETCH_DEADLINE.toSeconds() + " s")));
        // On a Vert.x context: called from a worker or the main thread, the response's body handler could
        // be set after the body had arrived (Vert.x 4 does not pause a response), and the body be lost.
        vertx.runOnContext(v -> http.request(request)
                .compose(sent -> sent.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .map(this::keySet)
                .onComplete(result -> {
                    vertx.cancelTimer(deadline);
                    settle(done, result);
                }));
        // not the field: a fetch that fails at once (a closed client) has already set it back to null
        return done.future();
    }

    /**
     * Ends a fetch once (its answer or its deadline, whichever is first). The new keys are set before
     * the fetch counts as ended: a token naming a new kid in between would otherwise find neither the
     * keys nor a fetch, and be refused for min-refetch.
     */
    private synchronized void settle(Promise<KeySet> done, AsyncResult<KeySet> result) {
        if (done.future().isComplete()) {
            return;
        }
        if (result.succeeded()) {
            current = result.result();
        }
        lastFetchFailed = result.failed();
        if (fetching == done.future()) {
            fetching = null;
        }
        if (result.succeeded()) {
            cancelRetry();
            retryDelayMillis = FIRST_RETRY_MILLIS;
            done.complete(result.result());
            return;
        }
        LOG.warnf("verification keys not fetched from the JWKS URL (%s); keeping %s", result.cause().getMessage(),
                current == null ? "none" : current.kids().size() + " known");
        if (current == null && !closed && retryTimer < 0) {
            // Without keys every token would wait or be refused: try again on a timer (1, 2, 4 ... 30 s),
            // not only when a token comes (session-service usually starts after the others). One timer
            // only: a token's failed fetch must not start a second chain of retries beside it.
            retryTimer = vertx.setTimer(retryDelayMillis, id -> retry());
            retryDelayMillis = Math.min(retryDelayMillis * 2, MAX_RETRY_MILLIS);
        }
        done.fail(result.cause());
    }

    private synchronized void retry() {
        retryTimer = -1;
        fetch();
    }

    private void cancelRetry() {
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
            retryTimer = -1;
        }
    }

    /** Package-private: tests call it as a token does once its unlocked read missed the keys. */
    synchronized Future<KeySet> fetchUnlessRecent(String kid) {
        KeySet keys = current;
        if (holds(keys, kid)) {
            // a fetch ended between the caller's read and this lock: its keys are the answer, not another
            // fetch nor one begun since (a refresh, another token's), which may fail
            return Future.succeededFuture(keys);
        }
        if (fetching != null) {
            return fetching;
        }
        // Without keys (session-service was not up yet), or after a failed fetch, a token may fetch again
        // much sooner: its kid may be new, and it is answered "unavailable" until a fetch succeeds.
        long floor = current == null || lastFetchFailed ? Math.min(minRefetchNanos, WITHOUT_KEYS_REFETCH_NANOS)
                : minRefetchNanos;
        if (fetchedOnce && nanoTime.getAsLong() - lastFetchStart < floor) {
            return null;
        }
        return startFetch();
    }

    /** Whether {@code keys} can verify a token naming {@code kid} (any key when it names none). */
    private static boolean holds(KeySet keys, String kid) {
        // kid first: kids is an immutable set, whose contains(null) throws
        return keys != null && (kid == null || keys.kids().contains(kid));
    }

    private KeySet keySet(Buffer body) {
        JsonObject document = new JsonObject(body);
        // a JWKS, or a single JWK, which smallrye-jwt accepts too
        JsonArray keys = document.getJsonArray("keys", new JsonArray().add(document));
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
        return new KeySet(LeanClaimsPrincipalFactory.parser(info), Set.copyOf(kids));
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

    @PreDestroy
    synchronized void close() {
        closed = true;
        cancelRetry();
        if (refreshTimer >= 0) {
            vertx.cancelTimer(refreshTimer);
        }
        if (http != null) {
            http.close();
        }
    }
}

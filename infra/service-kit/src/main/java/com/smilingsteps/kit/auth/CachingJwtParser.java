package com.smilingsteps.kit.auth;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * The {@link JWTParser} every service of the kit verifies access tokens with: smallrye-jwt's own
 * parser, which remembers a token it verified. quarkus-smallrye-jwt's {@code MpJwtValidator}
 * injects {@code JWTParser} and calls {@link #parse(String)} on every request; re-verifying the same
 * token (base64, two JSON parses, RS256) was a third of turn-credentials-service's event loop
 * (issue 16). Services still verify every token themselves, but once per token per
 * {@code kit.jwt.verified-token-cache} (60 s), never past the token's exp.
 * <p>
 * Only {@code parse(String)} under the service's own mp.jwt settings is remembered, keyed by the
 * whole raw token (a changed signature is a different key), and only after it verified; what is
 * remembered is a {@link RememberedToken}, not smallrye's principal with every claim parsed. Parses
 * with another context, key or secret go straight to smallrye-jwt (signaling's join tickets do not
 * come here at all: {@code JoinTicketVerifier} has a parser of its own).
 * <p>
 * With keys at a JWKS URL, tokens are verified with {@link JwksKeys}' keys, fetched without blocking,
 * so services can authenticate on the event loop ({@code quarkus.smallrye-jwt.blocking-authentication=false}).
 */
@Alternative
@Priority(1)
@Singleton
public class CachingJwtParser implements JWTParser {

    private record Verified(JsonWebToken jwt, long untilMillis) {
    }

    /**
     * A worker thread waits this long for keys being fetched (a fetch's connect and idle timeouts are
     * 5 s each, its deadline 10 s); a token still waiting then is refused.
     */
    private static final long AWAIT_KEYS_SECONDS = 6;

    private final JWTParser delegate;
    private final JwksKeys keys;
    private final long rememberMillis;
    private final LongSupplier nowMillis;
    private final Cache<String, Verified> verified;
    private final LongAdder verifications = new LongAdder();

    /** {@code mpJwt}: the service's {@code mp.jwt.*} rules, for smallrye's parser with the kit's principals. */
    @Inject
    CachingJwtParser(JWTAuthContextInfo mpJwt, JwksKeys keys, JwtConfig config) {
        this(LeanClaimsPrincipalFactory.parser(mpJwt), keys, config.verifiedTokenCache(), config.verifiedTokenCacheSize(),
                System::currentTimeMillis);
    }

    CachingJwtParser(JWTParser delegate, JwksKeys keys, Duration remember, int maxTokens, LongSupplier nowMillis) {
        this.delegate = delegate;
        this.keys = keys;
        this.rememberMillis = remember.toMillis();
        this.nowMillis = nowMillis;
        // Expiry here only frees memory (on a timer, so an idle service does not keep them); whether an
        // entry still counts is decided on every read.
        this.verified = rememberMillis <= 0 ? null
                : Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(remember)
                        .scheduler(Scheduler.systemScheduler()).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (verified == null || token == null) {
            return verifyNow(token);
        }
        long now = nowMillis.getAsLong();
        Verified hit = verified.getIfPresent(token);
        if (hit != null && now < hit.untilMillis()) {
            return hit.jwt();
        }
        // What is remembered is what is answered, the first time too: one behaviour for hits and misses.
        JsonWebToken jwt = RememberedToken.of(token, verifyNow(token));
        long until = Math.min(now + rememberMillis, jwt.getExpirationTime() * 1000);
        if (until > now) {
            verified.put(token, new Verified(jwt, until));
        }
        return jwt;
    }

    /**
     * Completes once {@link #parse(String)} can verify {@code token} without waiting for keys: at once
     * when it is remembered or its key is known (or keys are local), else when the keys being fetched
     * arrive; fails when the keys it needs could not be fetched.
     */
    public Future<Void> keysReadyFor(String token) {
        if (token == null || !keys.remote()) {
            return Future.succeededFuture();
        }
        if (verified != null) {
            Verified hit = verified.getIfPresent(token);
            if (hit != null && nowMillis.getAsLong() < hit.untilMillis()) {
                return Future.succeededFuture();
            }
        }
        return keys.parserFor(token).mapEmpty();
    }

    /** How many tokens {@link #parse(String)} has handed to smallrye-jwt to verify (refused ones too). */
    public long verifications() {
        return verifications.sum();
    }

    private JsonWebToken verifyNow(String token) throws ParseException {
        verifications.increment();
        if (token == null || !keys.remote()) {
            return delegate.parse(token);
        }
        Future<JWTParser> withKeys = keys.parserFor(token);
        if (!withKeys.isComplete() && !Context.isOnEventLoopThread()) {
            awaitQuietly(withKeys);
        }
        if (!withKeys.isComplete()) {
            // On an event loop while the keys are on their way: never a blocking wait here. Requests do not
            // get this far before the keys are in (KeysReadyIdentityProvider waits for them first).
            throw new ParseException("the verification keys are being fetched");
        }
        if (withKeys.failed()) {
            throw new ParseException("no verification keys could be fetched");
        }
        return withKeys.result().parse(token);
    }

    private static void awaitQuietly(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(AWAIT_KEYS_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // answered below: the future failed, or is still not complete
        }
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}

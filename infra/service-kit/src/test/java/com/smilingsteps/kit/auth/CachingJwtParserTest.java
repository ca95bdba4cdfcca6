package com.smilingsteps.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwksServer;
import com.smilingsteps.infra.testing.TestJwt;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Vertx;

/** {@link CachingJwtParser} around smallrye-jwt's real parser, counting the verifications that reach it. */
class CachingJwtParserTest {

    private final JWTAuthContextInfo accessTokens = context(TestJwt.AUDIENCE);
    private final AtomicInteger verified = new AtomicInteger();
    private final DefaultJWTParser smallrye = new DefaultJWTParser(accessTokens) {
        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verified.incrementAndGet();
            return super.parse(token);
        }
    };
    private final JwksKeys fileKeys = new JwksKeys(null, accessTokens, Duration.ofSeconds(30), System::nanoTime);
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    private final CachingJwtParser parser = new CachingJwtParser(smallrye, fileKeys, Duration.ofSeconds(60), 1000, now::get);

    @Test
    void aTokenUsedTwiceIsVerifiedOnce() throws ParseException {
        String token = TestJwt.accessToken("user-1", "client");

        assertEquals("user-1", parser.parse(token).getSubject());
        assertEquals("user-1", parser.parse(token).getSubject());

        assertEquals(1, verified.get());
        assertEquals(1, parser.verifications());
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterTheCacheDuration() throws ParseException {
        String token = TestJwt.accessToken("user-1", "client");
        parser.parse(token);

        now.addAndGet(Duration.ofSeconds(61).toMillis());
        parser.parse(token);

        assertEquals(2, verified.get());
    }

    @Test
    void anExpiredTokenIsRefusedEvenIfItWasRemembered() throws Exception {
        Instant exp = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 2);
        String token = TestJwt.sign(TestJwt.claims("user-1", "client").expiresAt(exp));
        CachingJwtParser realTime = new CachingJwtParser(smallrye, fileKeys, Duration.ofSeconds(60), 1000, System::currentTimeMillis);
        realTime.parse(token);

        Thread.sleep(Math.max(0, exp.toEpochMilli() + 50 - System.currentTimeMillis()));

        assertThrows(ParseException.class, () -> realTime.parse(token));
        assertEquals(2, verified.get());
    }

    @Test
    void aTamperedTokenIsRefusedThoughItsClaimsEqualARememberedOnes() throws Exception {
        String token = TestJwt.accessToken("user-1", "client");
        parser.parse(token);
        String tampered = withForeignSignature(token);

        assertThrows(ParseException.class, () -> parser.parse(tampered));
        assertThrows(ParseException.class, () -> parser.parse(tampered));
        assertEquals("user-1", parser.parse(token).getSubject());
        assertEquals(3, verified.get());
    }

    @Test
    void aForgedTokenNeverEntersTheCache() {
        String forged = TestJwt.signedByAnotherKey("user-1", "admin");

        assertThrows(ParseException.class, () -> parser.parse(forged));
        assertThrows(ParseException.class, () -> parser.parse(forged));
        assertEquals(2, verified.get());
    }

    @Test
    void aParseUnderAnotherContextIsNotServedFromTheCache() throws ParseException {
        String token = TestJwt.accessToken("user-1", "client");
        parser.parse(token);

        // the signaling join ticket's way: same key, its own audience
        assertThrows(ParseException.class, () -> parser.parse(token, context(TestJwt.TICKET_AUDIENCE)));
    }

    @Test
    void aZeroDurationVerifiesEveryTime() throws ParseException {
        CachingJwtParser off = new CachingJwtParser(smallrye, fileKeys, Duration.ZERO, 1000, now::get);
        String token = TestJwt.accessToken("user-1", "client");

        off.parse(token);
        off.parse(token);

        assertEquals(2, verified.get());
    }

    @Test
    void withKeysAtAUrlTokensAreVerifiedWithTheFetchedKeysNotSmallryesOwnFetch() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (JwksServer jwks = new JwksServer()) {
            JWTAuthContextInfo remote = new JWTAuthContextInfo(jwks.url(), TestJwt.ISSUER);
            remote.setExpectedAudience(Set.of(TestJwt.AUDIENCE));
            JwksKeys keys = new JwksKeys(vertx, remote, Duration.ZERO, System::nanoTime);
            CachingJwtParser withRemoteKeys = new CachingJwtParser(smallrye, keys, Duration.ofSeconds(60), 1000, now::get);

            // not on an event loop: the first token waits for the keys
            assertEquals("user-1", withRemoteKeys.parse(TestJwt.accessToken("user-1", "client")).getSubject());
            assertThrows(ParseException.class, () -> withRemoteKeys.parse(TestJwt.signedByAnotherKey("user-2", "client")));
            assertThrows(ParseException.class, () -> withRemoteKeys.parse(TestJwt.wrongAudience("user-3", "client")));

            assertEquals(0, verified.get(), "smallrye's parser and its blocking key fetch are never used");
            assertEquals(1, jwks.fetches());

            // on an event loop nothing waits: a token naming a key still to be fetched is refused, and
            // verified once the fetch it started has ended
            jwks.rotate();
            String nextKey = TestJwt.signedWithNextKey("user-4", "client");
            CompletableFuture<Throwable> onEventLoop = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                try {
                    withRemoteKeys.parse(nextKey);
                    onEventLoop.complete(null);
                } catch (ParseException refused) {
                    onEventLoop.complete(refused);
                }
            });
            assertInstanceOf(ParseException.class, onEventLoop.get(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (jwks.fetches() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("user-4", withRemoteKeys.parse(nextKey).getSubject());
            assertEquals(2, jwks.fetches());
            assertEquals(0, verified.get());
        } finally {
            vertx.close();
        }
    }

    private static JWTAuthContextInfo context(String audience) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(TestJwt.keys().getPublic(), TestJwt.ISSUER);
        context.setExpectedAudience(Set.of(audience));
        context.setClockSkew(0);
        context.setExpGracePeriodSecs(0);
        return context;
    }

    /** The same header and claims, byte for byte, signed by a key that is not the issuer's. */
    private static String withForeignSignature(String token) throws GeneralSecurityException {
        String signedPart = token.substring(0, token.lastIndexOf('.'));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(generator.generateKeyPair().getPrivate());
        rs256.update(signedPart.getBytes(StandardCharsets.US_ASCII));
        return signedPart + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    }
}

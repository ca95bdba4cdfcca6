package com.smilingsteps.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwksServer;
import com.smilingsteps.infra.testing.TestJwt;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A bearer token on the event loop waits for the keys it needs instead of being refused, and a
 * service without any keys answers "unavailable", never "invalid token".
 */
class KeysReadyIdentityProviderTest {

    private final Vertx vertx = Vertx.vertx();
    private final JwksServer jwks = new JwksServer();
    private final JwksKeys keys = new JwksKeys(vertx, rules(), Duration.ZERO, System::nanoTime);
    private final CachingJwtParser parser = new CachingJwtParser(new DefaultJWTParser(rules()), keys,
            Duration.ofSeconds(60), 1000, System::currentTimeMillis);
    private final KeysReadyIdentityProvider provider = new KeysReadyIdentityProvider(parser);

    @AfterEach
    void stop() {
        keys.close();
        jwks.close();
        vertx.close();
    }

    @Test
    void aTokenNamingAKeyNotFetchedYetWaitsForItThenVerifiesOnTheEventLoop() throws Exception {
        jwks.rotate();
        String nextKey = TestJwt.signedWithNextKey("user-1", "client");

        assertNull(onEventLoop(nextKey), "handed on to smallrye's validator once the keys are in");
        assertEquals(1, jwks.fetches());
        CompletableFuture<String> subject = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                subject.complete(parser.parse(nextKey).getSubject());
            } catch (Exception e) {
                subject.completeExceptionally(e);
            }
        });
        assertEquals("user-1", subject.get(10, TimeUnit.SECONDS), "the validator's parse on the event loop now verifies");
        assertNull(onEventLoop(nextKey));
        assertEquals(1, jwks.fetches(), "a known key waits for nothing");
    }

    @Test
    void withoutAnyKeysTheRequestIsUnavailableNotRefused() {
        jwks.fail();
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> onEventLoop(TestJwt.accessToken("user-2", "client")));
        assertTrue(KeysUnavailable.is(assertInstanceOf(AuthenticationFailedException.class, failed.getCause())));
    }

    /**
     * The provider's answer for a bearer token presented on an event loop, as a request's would be;
     * it must come back on the request's own context.
     */
    private SecurityIdentity onEventLoop(String token) throws Exception {
        CompletableFuture<SecurityIdentity> answer = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            Context request = Vertx.currentContext();
            provider.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null)
                    .subscribe().with(identity -> {
                        if (Vertx.currentContext() == request) {
                            answer.complete(identity);
                        } else {
                            answer.completeExceptionally(new AssertionError("handed on on another context"));
                        }
                    }, answer::completeExceptionally);
        });
        return answer.get(15, TimeUnit.SECONDS);
    }

    private JWTAuthContextInfo rules() {
        JWTAuthContextInfo rules = new JWTAuthContextInfo(jwks.url(), TestJwt.ISSUER);
        rules.setExpectedAudience(Set.of(TestJwt.AUDIENCE));
        return rules;
    }
}

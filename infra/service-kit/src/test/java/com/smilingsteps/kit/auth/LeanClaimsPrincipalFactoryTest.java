package com.smilingsteps.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.TestJwt;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The kit's principals read every claim as smallrye-jwt's own do, without an exception per custom claim. */
class LeanClaimsPrincipalFactoryTest {

    private static final List<String> CLAIMS = List.of("sub", "groups", "exp", "iat", "iss", "aud", "upn", "raw_token",
            "name", SessionScope.SCOPE_CLAIM, SessionScope.SESSION_CLAIM, "roomSize", "recording", "not-in-the-token");

    private final JWTAuthContextInfo context = context();
    private final String token = TestJwt.sign(TestJwt.claims("user-1", "client")
            .claim(SessionScope.SCOPE_CLAIM, SessionScope.SESSION)
            .claim(SessionScope.SESSION_CLAIM, "session-1")
            .claim("roomSize", 2)
            .claim("recording", false));

    @Test
    void theServicesParserMakesTheKitsPrincipals() throws ParseException {
        // as CDI builds it: what quarkus-smallrye-jwt's MpJwtValidator verifies every request's token with
        JwtConfig config = new JwtConfig() {
            @Override
            public Duration verifiedTokenCache() {
                return Duration.ofSeconds(60);
            }

            @Override
            public int verifiedTokenCacheSize() {
                return 100;
            }

            @Override
            public Duration jwksMinRefetch() {
                return Duration.ofSeconds(30);
            }
        };
        CachingJwtParser parser = new CachingJwtParser(context, new JwksKeys(null, context, Duration.ofSeconds(30), System::nanoTime),
                config);
        // what it remembers and answers: the claims read per request, not smallrye's whole principal
        assertInstanceOf(RememberedToken.class, parser.parse(token));
        assertEquals(1, parser.verifications());
        assertInstanceOf(RememberedToken.class, parser.parse(token));
        assertEquals(1, parser.verifications());
    }

    @Test
    void aRememberedTokenReadsEveryClaimAsSmallryesOwnPrincipal() throws ParseException {
        JsonWebToken smallrye = new DefaultJWTParser(context, new DefaultJWTCallerPrincipalFactory()).parse(token);
        JsonWebToken remembered = RememberedToken.of(token, LeanClaimsPrincipalFactory.parser(context).parse(token));

        for (String claim : CLAIMS) {
            assertEquals((Object) smallrye.getClaim(claim), remembered.getClaim(claim), claim);
        }
        assertEquals(smallrye.getClaimNames(), remembered.getClaimNames());
        assertEquals(smallrye.getName(), remembered.getName());
        assertEquals(smallrye.getSubject(), remembered.getSubject());
        assertEquals(smallrye.getGroups(), remembered.getGroups());
        assertEquals(smallrye.getExpirationTime(), remembered.getExpirationTime());
        assertEquals(smallrye.getIssuedAtTime(), remembered.getIssuedAtTime());
        assertEquals(smallrye.getTokenID(), remembered.getTokenID());
        assertEquals(smallrye.getAudience(), remembered.getAudience());
        assertEquals(token, remembered.getRawToken());
        assertEquals("session-1", SessionScope.sessionOf(remembered.getClaim(SessionScope.SCOPE_CLAIM),
                remembered.getClaim(SessionScope.SESSION_CLAIM)));
    }

    @Test
    void claimsReadAsSmallryesOwnPrincipalReadsThem() throws ParseException {
        JsonWebToken smallrye = new DefaultJWTParser(context, new DefaultJWTCallerPrincipalFactory()).parse(token);
        JsonWebToken lean = LeanClaimsPrincipalFactory.parser(context).parse(token);

        for (String claim : CLAIMS) {
            assertEquals((Object) smallrye.getClaim(claim), lean.getClaim(claim), claim);
        }
        assertEquals(smallrye.getClaimNames(), lean.getClaimNames());
        assertEquals("session-1", SessionScope.sessionOf(lean.getClaim(SessionScope.SCOPE_CLAIM),
                lean.getClaim(SessionScope.SESSION_CLAIM)));
        assertEquals(Set.of("client"), lean.getGroups());
        assertNull(lean.getClaim("not-in-the-token"));
    }

    @Test
    void customClaimsAreReadWithoutThrowingAnything() throws Exception {
        JsonWebToken lean = LeanClaimsPrincipalFactory.parser(context).parse(token);
        JsonWebToken smallrye = new DefaultJWTParser(context, new DefaultJWTCallerPrincipalFactory()).parse(token);

        long leanThrows = exceptionsThrownReading(lean);
        long smallryeThrows = exceptionsThrownReading(smallrye);
        assertEquals(0, leanThrows);
        // what the kit's principal saves: one per custom claim read (so this check can fail)
        assertEquals(100, smallryeThrows, "smallrye-jwt's own principal");
    }

    /** IllegalArgumentExceptions thrown on this thread while reading the session scope's claims 50 times. */
    private static long exceptionsThrownReading(JsonWebToken jwt) throws Exception {
        Path file = Files.createTempFile("claims-", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaExceptionThrow");
            recording.start();
            for (int i = 0; i < 50; i++) {
                SessionScope.sessionOf(jwt.getClaim(SessionScope.SCOPE_CLAIM), jwt.getClaim(SessionScope.SESSION_CLAIM));
            }
            recording.stop();
            recording.dump(file);
            long thread = Thread.currentThread().getId();
            return RecordingFile.readAllEvents(file).stream()
                    .filter(event -> event.getEventType().getName().equals("jdk.JavaExceptionThrow"))
                    .filter(event -> event.getThread() != null && event.getThread().getJavaThreadId() == thread)
                    .filter(LeanClaimsPrincipalFactoryTest::illegalArgument)
                    .count();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean illegalArgument(RecordedEvent event) {
        return event.getClass("thrownClass").getName().equals(IllegalArgumentException.class.getName());
    }

    private static JWTAuthContextInfo context() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(TestJwt.keys().getPublic(), TestJwt.ISSUER);
        context.setExpectedAudience(Set.of(TestJwt.AUDIENCE));
        return context;
    }
}

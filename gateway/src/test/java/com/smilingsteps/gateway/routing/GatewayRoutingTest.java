package com.smilingsteps.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.TestJwt;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(StandInUpstreams.class)
class GatewayRoutingTest {

    private final String token = TestJwt.accessToken("client-1", "client");

    @Test
    void routesEachPrefixToItsServiceWithMethodPathQueryAndBody() {
        given().auth().oauth2(token).contentType("application/json").body("{\"psychologistId\":\"p1\"}")
                .when().post("/api/sessions?mine=true")
                .then().statusCode(200)
                .body("service", startsWith("session-"))
                .body("method", is("POST"))
                .body("path", is("/api/sessions"))
                .body("query", is("mine=true"))
                .body("body", is("{\"psychologistId\":\"p1\"}"));
        given().auth().oauth2(token).when().get("/api/video-calls/config")
                .then().statusCode(200).body("service", is("turn"));
        given().auth().oauth2(token).when().post("/api/video-calls/generate-room/s1")
                .then().statusCode(200).body("service", startsWith("session-"));
    }

    @Test
    void aJoinLinksSignInReachesOnlyItsSessionsCallThroughTheGateway() {
        String scoped = TestJwt.sign(TestJwt.claims("client-1", "client").claim("scope", "session").claim("sid", "s1"));
        given().auth().oauth2(scoped).when().post("/api/video-calls/generate-room/s1")
                .then().statusCode(200).body("service", startsWith("session-"));
        given().auth().oauth2(scoped).when().get("/api/video-calls/config").then().statusCode(200).body("service", is("turn"));
        given().auth().oauth2(scoped).when().get("/api/users/me").then().statusCode(200);
        // refused here for the services without the kit's filter ...
        given().auth().oauth2(scoped).when().get("/api/notifications/mine").then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/outside-session-scope"));
        given().auth().oauth2(scoped).when().get("/api/notifications/failed").then().statusCode(403);
        // ... while session-service refuses (and audits) its own routes itself [JoinLinkTest]
        given().auth().oauth2(scoped).when().get("/api/admin/users").then().statusCode(200)
                .body("service", startsWith("session-"));
        // the link itself is used without a token
        given().contentType("application/json").body("{}").when().post("/api/auth/join-link")
                .then().statusCode(200).body("service", startsWith("session-"));
    }

    @Test
    void publicRoutesNeedNoToken() {
        given().when().get("/api/auth/jwks").then().statusCode(200).body("service", startsWith("session-"));
        given().contentType("application/json").body("{}")
                .when().post("/api/payments/mpesa/callback/some-secret")
                .then().statusCode(200).body("path", is("/api/payments/mpesa/callback/some-secret"));
    }

    @Test
    void missingTokenIsRefusedWithProblemJson() {
        given().when().get("/api/sessions")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", is(401))
                .body("type", containsString("unauthorized"))
                .body("instance", is("/api/sessions"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "expired", "other-key", "alg-none", "hs256", "wrong-audience", "garbage" })
    void badTokensAreRefused(String kind) {
        String bad = switch (kind) {
            case "expired" -> TestJwt.expired("client-1", "client");
            case "other-key" -> TestJwt.signedByAnotherKey("client-1", "client");
            case "alg-none" -> TestJwt.algNone("client-1", "client");
            case "hs256" -> TestJwt.hs256("client-1", "client");
            case "wrong-audience" -> TestJwt.wrongAudience("client-1", "client");
            default -> "not.a.token";
        };
        given().auth().oauth2(bad).when().get("/api/sessions")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void legacyXAuthTokenHeaderIsAcceptedAndForwardedAsBearer() {
        given().header("x-auth-token", token).when().get("/api/users/me")
                .then().statusCode(200)
                .body("headers.authorization", is("Bearer " + token))
                .body("headers.x-auth-token", nullValue());
    }

    @Test
    void spoofedIdentityAndForwardingHeadersNeverReachAService() {
        given().auth().oauth2(token)
                .header("X-User-Id", "admin-1")
                .header("X-User-Role", "admin")
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Real-IP", "203.0.113.9")
                .header("Forwarded", "for=203.0.113.9")
                .when().get("/api/sessions")
                .then().statusCode(200)
                .body("headers.x-user-id", nullValue())
                .body("headers.x-user-role", nullValue())
                .body("headers.x-real-ip", nullValue())
                .body("headers.x-forwarded-for", is("127.0.0.1"))
                .body("headers.forwarded", containsString("for=\"127.0.0.1\""))
                .body("headers.x-request-id", notNullValue());
    }

    @Test
    void requestIdIsPropagatedOrCreated() {
        given().auth().oauth2(token).header("X-Request-Id", "abc12345-trace")
                .when().get("/api/sessions")
                .then().statusCode(200)
                .header("X-Request-Id", "abc12345-trace")
                .body("headers.x-request-id", is("abc12345-trace"));
        given().auth().oauth2(token).header("X-Request-Id", "bad id with spaces")
                .when().get("/api/sessions")
                .then().statusCode(200)
                .header("X-Request-Id", org.hamcrest.Matchers.not("bad id with spaces"));
    }

    @Test
    void securityHeadersOnEveryResponse() {
        given().auth().oauth2(token).when().get("/api/sessions")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Permissions-Policy", containsString("camera=(self)"))
                .header("Strict-Transport-Security", nullValue());
        given().auth().oauth2(token).header("X-Forwarded-Proto", "https").when().get("/api/sessions")
                .then().statusCode(200)
                // the client is not a trusted proxy, so its claim of https is ignored
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void downUpstreamGivesBadGatewayProblemQuickly() {
        long started = System.nanoTime();
        given().auth().oauth2(TestJwt.accessToken("admin-1", "admin")).when().get("/api/notifications/failed")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", containsString("upstream-unavailable"));
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "502 must not wait for a long timeout");
    }

    @Test
    void silentUpstreamGivesGatewayTimeoutProblem() {
        given().auth().oauth2(token).when().get("/api/sessions/silent")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", containsString("upstream-timeout"));
    }

    @Test
    void requestsSpreadOverInstancesAndSkipTheOneThatRefuses() {
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            Response response = given().auth().oauth2(token).when().get("/api/psychologists");
            assertEquals(200, response.statusCode(), "request " + i);
            served.add(response.jsonPath().getString("service"));
        }
        assertEquals(Set.of("session-a", "session-b"), served);
    }

    @Test
    void unknownApiPathIsNotFoundProblem() {
        given().auth().oauth2(token).when().get("/api/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/auth/login/../../admin/users", "/api/auth/login/..%2F..%2Fadmin/users",
            "/api/auth/jwks;/../../admin/users", "/api/auth/login/%2e%2e/%2e%2e/admin/users" })
    void pathTricksCannotReachAProtectedRouteWithoutAToken(String path) {
        given().urlEncodingEnabled(false).when().get(path)
                .then().statusCode(org.hamcrest.Matchers.not(200))
                .body("service", nullValue());
    }

    @Test
    void signInIsRateLimitedPerClientWithRetryAfterWhateverTheSpellingOfThePath() {
        given().contentType("application/json").body("{}").when().post("/api/auth/login").then().statusCode(200);
        given().contentType("application/json").body("{}").when().post("/api/auth/login").then().statusCode(200);
        // Percent-escapes are decoded before limits apply: the upstream reads this as /api/auth/login too.
        given().urlEncodingEnabled(false).contentType("application/json").body("{}").when().post("/api/auth/%6Cogin")
                .then().statusCode(200).body("service", startsWith("session-"));
        given().urlEncodingEnabled(false).contentType("application/json").body("{}").when().post("/api/auth/%6cogin")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
    }

    @Test
    void theRefreshCookieTravelsBothWaysWithoutATokenAndRefreshIsRateLimited() {
        Response refresh = given().contentType("application/json").body("{}").cookie("ssv_refresh", "current")
                .when().post("/api/auth/refresh");
        refresh.then().statusCode(200).body("service", startsWith("session-"))
                .body("headers.cookie", is("ssv_refresh=current"));
        assertEquals("ssv_refresh=rotated; Path=/api/auth; HttpOnly; SameSite=Strict", refresh.header("Set-Cookie"));
        given().contentType("application/json").body("{}").cookie("ssv_refresh", "current").when()
                .post("/api/auth/logout").then().statusCode(200).body("headers.cookie", is("ssv_refresh=current"));
        given().when().post("/api/auth/logout-all").then().statusCode(401);
        given().contentType("application/json").body("{}").when().post("/api/auth/refresh").then().statusCode(200);
        given().contentType("application/json").body("{}").when().post("/api/auth/refresh").then().statusCode(429)
                .header("Retry-After", notNullValue());
    }

    @Test
    void authenticatedLimitsArePerUserSoNeitherAnonymousCallersNorOtherUsersUseThemUp() {
        String heavyUser = TestJwt.accessToken("heavy-user", "client");
        String otherUser = TestJwt.accessToken("other-user", "client");
        // An anonymous flood from the same address (a shared NAT, or the ingress) ...
        for (int i = 0; i < 20; i++) {
            given().when().get("/api/video-calls/config").then().statusCode(401);
        }
        // ... leaves a user's whole budget (5 in this test) ...
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(heavyUser).when().get("/api/video-calls/config").then().statusCode(200);
        }
        given().auth().oauth2(heavyUser).when().get("/api/video-calls/config")
                .then().statusCode(429).header("Retry-After", notNullValue());
        // ... and one user over the limit does not lock out another one at the same address.
        given().auth().oauth2(otherUser).when().get("/api/video-calls/config").then().statusCode(200);
    }

    @Test
    void metricsAndOpenApiAreNotReachableThroughAProxyButHealthIs() {
        // What the ingress or the host's TLS proxy forwards always carries forwarding headers.
        for (String header : List.of("X-Forwarded-For", "Forwarded", "X-Real-IP")) {
            given().header(header, "203.0.113.9").when().get("/q/metrics")
                    .then().statusCode(404).contentType("application/problem+json");
            given().header(header, "203.0.113.9").when().get("/q/openapi").then().statusCode(404);
        }
        given().header("X-Forwarded-For", "203.0.113.9").when().get("/q/health/live").then().statusCode(200);
        // Prometheus on the private network, straight to the gateway.
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("gateway_requests_refused_total"));
    }

    /** Paths the router normalises to /q/metrics, sent as they are (no client-side normalising). */
    @ParameterizedTest
    @ValueSource(strings = { "/%71/metrics", "/q/health/../metrics", "/q/health/%2e%2e/metrics", "/q/./metrics",
            "/%71/openapi" })
    void metricsCannotBeReachedThroughAProxyByAPathThatNormalisesToThem(String path) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.9\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 404"), path + " answered " + answer.lines().findFirst().orElse(""));
            assertTrue(!answer.contains("gateway_requests_refused_total") && !answer.contains("openapi:"), path);
        }
    }

    @Test
    void noCredentialReachesTheAccessLog() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger accessLog = java.util.logging.Logger.getLogger("io.quarkus.http.access-log");
        accessLog.addHandler(capture);
        try {
            given().auth().oauth2(token).urlEncodingEnabled(false)
                    .when().get("/api/sessions?access_token=leaked-token-1&ticket=leaked-ticket-1&mine=true")
                    .then().statusCode(200).body("query", containsString("access_token=leaked-token-1"));
            given().urlEncodingEnabled(false).when().get("/ws/signaling?access_token=leaked-token-2").then().statusCode(401);
            given().contentType("application/json").body("{}").when().post("/api/payments/mpesa/callback/leaked-secret-1")
                    .then().statusCode(200);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && lines.stream().noneMatch(l -> l.contains("/ws/signaling"))) {
                Thread.sleep(100);
            }
        } finally {
            accessLog.removeHandler(capture);
        }
        String text = String.join("\n", lines);
        assertTrue(text.contains("GET /api/sessions 200"), "the request is logged by its path: " + text);
        assertTrue(text.contains("GET /ws/signaling 401"), text);
        for (String secret : List.of("leaked-token-1", "leaked-ticket-1", "leaked-token-2", "leaked-secret-1")) {
            assertTrue(!text.contains(secret), secret + " must not be in the access log");
        }
    }
}

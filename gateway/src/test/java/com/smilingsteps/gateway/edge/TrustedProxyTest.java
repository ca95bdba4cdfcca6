package com.smilingsteps.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smilingsteps.gateway.routing.StandInUpstreams;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.TestJwt;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Behind a proxy named by a CIDR range (as the shipped configs name the ingress: issue 12, item 3)
 * the gateway believes that proxy's X-Forwarded-For (right-most untrusted hop) and
 * X-Forwarded-Proto, so HSTS is sent. GatewayRoutingTest covers the untrusted peer.
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindAnIngress.class)
@WithTestResource(JwtResource.class)
@WithTestResource(StandInUpstreams.class)
class TrustedProxyTest {

    public static class BehindAnIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the test client connects from 127.0.0.1 (or ::1): it plays the ingress
            return Map.of("client-address.trusted-proxies", "127.0.0.0/8,::1/128");
        }
    }

    @Test
    void aTrustedProxysForwardedForAndProtoAreBelievedAndHstsIsSent() {
        given().auth().oauth2(TestJwt.accessToken("client-1", "client"))
                .header("X-Forwarded-For", "203.0.113.66, 198.51.100.7, 127.0.0.9")
                .header("X-Forwarded-Proto", "https")
                .when().get("/api/sessions")
                .then().statusCode(200)
                .header("Strict-Transport-Security", containsString("max-age="))
                .body("headers.x-forwarded-for", is("198.51.100.7"))
                .body("headers.x-forwarded-proto", is("https"))
                .body("headers.forwarded", containsString("for=\"198.51.100.7\";proto=https"));
    }
}

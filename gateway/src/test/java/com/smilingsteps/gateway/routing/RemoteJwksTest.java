package com.smilingsteps.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.RemoteJwtResource;
import com.smilingsteps.infra.testing.TestJwt;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway as deployed: keys from session-service's JWKS URL over HTTP, rotated while it runs. */
@QuarkusTest
@WithTestResource(RemoteJwtResource.class)
@WithTestResource(StandInUpstreams.class)
class RemoteJwksTest {

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String jwksUrl;

    @Test
    void tokensAreCheckedAgainstTheJwksUrlAndARotatedKeyIsFetchedWhenFirstUsed() {
        given().auth().oauth2(TestJwt.accessToken("client-1", "client")).when().get("/api/psychologists")
                .then().statusCode(200).body("service", startsWith("session-"));
        String unknownKey = TestJwt.claims("client-1", "client").jws().keyId("not-in-the-jwks")
                .sign(TestJwt.keys().getPrivate());
        given().auth().oauth2(unknownKey).when().get("/api/psychologists")
                .then().statusCode(401).body("type", containsString("unauthorized"));

        given().when().post(jwksUrl.replace("/jwks", "/rotate")).then().statusCode(204);
        given().auth().oauth2(TestJwt.signedWithNextKey("client-2", "client")).when().get("/api/psychologists")
                .then().statusCode(200).body("service", startsWith("session-"));
        given().auth().oauth2(TestJwt.accessToken("client-3", "client")).when().get("/api/psychologists")
                .then().statusCode(200);

        // session-service down: a token naming a key the gateway cannot fetch is not refused as invalid
        // (a 401 sends the SPA to refresh its sign-in and then fail) but answered 503 with Retry-After; known keys still work.
        given().when().post(jwksUrl.replace("/jwks", "/fail")).then().statusCode(204);
        String keyNotFetchable = TestJwt.claims("client-4", "client").jws().keyId("published-later")
                .sign(TestJwt.keys().getPrivate());
        given().auth().oauth2(keyNotFetchable).when().get("/api/psychologists")
                .then().statusCode(503).header("Retry-After", "5").body("type", containsString("keys-unavailable"));
        given().auth().oauth2(TestJwt.accessToken("client-5", "client")).when().get("/api/psychologists")
                .then().statusCode(200);
    }
}

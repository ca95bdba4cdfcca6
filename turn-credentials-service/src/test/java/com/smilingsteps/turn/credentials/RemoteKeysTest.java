package com.smilingsteps.turn.credentials;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.RemoteJwtResource;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.turn.CoturnResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Minting as deployed: keys from session-service's JWKS URL, tokens verified on the event loop
 * ({@code quarkus.smallrye-jwt.blocking-authentication=false}, the kit's non-blocking key fetch).
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(RemoteJwtResource.class)
@WithTestResource(CoturnResource.class)
class RemoteKeysTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String jwksUrl;

    @Test
    void tokensVerifyAgainstTheJwksUrlAndARotatedKeyIsFetchedWhenFirstUsed() throws Exception {
        String user = "user-" + UUID.randomUUID();
        new SessionEventsFeed(kafka).session(user, "client", Instant.now().plusSeconds(300), "Confirmed");

        mint(TestJwt.accessToken(user, "client")).then().statusCode(200);
        // No refusals here: they would be audited as anonymous denials, which VideoCallConfigTest counts
        // on the shared audit topic; the kit's JwksKeysTest and the gateway's RemoteJwksTest refuse.
        given().when().post(jwksUrl.replace("/jwks", "/rotate")).then().statusCode(204);
        // The first token naming the new kid, verified on the event loop, waits for the keys being fetched
        // (it used to be refused with 401).
        mint(TestJwt.signedWithNextKey(user, "client")).then().statusCode(200);
    }

    private static io.restassured.response.Response mint(String token) {
        return given().header("Authorization", "Bearer " + token).when().get("/api/video-calls/config");
    }
}

package com.smilingsteps.turn.credentials;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.RemoteJwtResource;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.turn.CoturnResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;

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

    @Inject
    JWTParser parser;

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
        // A mint naming the new kid on the event loop would be refused (401) while the keys are fetched,
        // and audited as an anonymous denial; off the event loop the service's parser waits for them.
        String nextKey = TestJwt.signedWithNextKey(user, "client");
        assertEquals(user, parser.parse(nextKey).getSubject());
        mint(nextKey).then().statusCode(200);
    }

    private static io.restassured.response.Response mint(String token) {
        return given().header("Authorization", "Bearer " + token).when().get("/api/video-calls/config");
    }
}

package com.smilingsteps.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class AccessTokenExtractorTest {

    @Test
    void readsEveryPlaceAClientPutsTheToken() {
        assertEquals(Optional.of("t1"), extract(MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer t1"), false));
        assertEquals(Optional.of("t2"), extract(MultiMap.caseInsensitiveMultiMap().add("x-auth-token", "t2"), false));
        MultiMap ws = MultiMap.caseInsensitiveMultiMap().add("Sec-WebSocket-Protocol",
                "bearer-token-carrier, quarkus-http-upgrade%23Authorization%23Bearer%20t3");
        assertEquals(Optional.of("t3"), extract(ws, true));
        MultiMap query = MultiMap.caseInsensitiveMultiMap().add("access_token", "t4");
        assertEquals(Optional.of("t4"), AccessTokenExtractor.extract(MultiMap.caseInsensitiveMultiMap(), query, true));
    }

    @Test
    void queryAndSubprotocolTokensCountOnlyOnWebSocketUpgrades() {
        MultiMap query = MultiMap.caseInsensitiveMultiMap().add("access_token", "t4");
        assertTrue(AccessTokenExtractor.extract(MultiMap.caseInsensitiveMultiMap(), query, false).isEmpty());
        assertTrue(AccessTokenExtractor.fromSubprotocols(List.of("bearer-token-carrier")).isEmpty());
        assertTrue(AccessTokenExtractor.bearer("Basic dXNlcjpwYXNz").isEmpty());
    }

    @Test
    void theQueryTokenIsTakenOutOfTheUriTheUpstreamKeeps() {
        assertEquals("/ws/signaling?session=s1", AccessTokenExtractor.withoutQueryToken("/ws/signaling?session=s1&access_token=ey.J.x"));
        assertEquals("/ws/signaling?a=1&b=2", AccessTokenExtractor.withoutQueryToken("/ws/signaling?access_token=t&a=1&access_token&b=2"));
        assertEquals("/ws/signaling", AccessTokenExtractor.withoutQueryToken("/ws/signaling?access_token=t"));
        assertEquals("/ws/signaling?my_access_token=1", AccessTokenExtractor.withoutQueryToken("/ws/signaling?my_access_token=1"));
        assertEquals("/ws/signaling", AccessTokenExtractor.withoutQueryToken("/ws/signaling"));
    }

    private static Optional<String> extract(MultiMap headers, boolean upgrade) {
        return AccessTokenExtractor.extract(headers, MultiMap.caseInsensitiveMultiMap(), upgrade);
    }
}

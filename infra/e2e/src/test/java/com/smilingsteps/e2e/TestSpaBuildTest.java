package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Which requests of a test browser get the SPA's test build, and which still reach the gateway. */
class TestSpaBuildTest {

    private final Pattern spa = TestSpaBuild.spaPaths("http://localhost:40123");

    @Test
    void pagesAndAssetsOfTheStackComeFromTheTestBuild() {
        for (String url : new String[] {"http://localhost:40123", "http://localhost:40123/", "http://localhost:40123/login",
                "http://localhost:40123/assets/index-abc.js", "http://localhost:40123/video-call/s1?iceTransportPolicy=relay",
                "http://localhost:40123/apiary"}) {
            assertTrue(spa.matcher(url).matches(), url);
        }
    }

    @Test
    void theGatewaysOwnPathsAndOtherOriginsAreLeftAlone() {
        for (String url : new String[] {"http://localhost:40123/api/sessions", "http://localhost:40123/api",
                "http://localhost:40123/ws/signaling", "http://localhost:40123/q/health", "http://localhost:401234/login",
                "http://example.org/login"}) {
            assertFalse(spa.matcher(url).matches(), url);
        }
    }
}

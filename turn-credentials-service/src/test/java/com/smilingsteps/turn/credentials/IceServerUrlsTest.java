package com.smilingsteps.turn.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class IceServerUrlsTest {

    @Test
    void derivesStunFromThePlainTurnEndpointsWhenNoneIsConfigured() {
        IceServerUrls urls = IceServerUrls.parse(List.of(
                "turn:turn.example.org:3478?transport=udp",
                "turn:turn.example.org:3478?transport=tcp",
                "turns:turn.example.org:5349?transport=tcp",
                "turns:turn.example.org:443?transport=tcp"));
        assertEquals(List.of("stun:turn.example.org:3478"), urls.stun().stream().map(IceUrl::text).toList());
        assertEquals(4, urls.turn().size());
        assertEquals(List.of("turn.example.org:3478"), urls.udpProbeTargets().stream().map(IceUrl::endpoint).toList());
    }

    @Test
    void usesConfiguredStunAndNeverAddsAThirdParty() {
        IceServerUrls urls = IceServerUrls.parse(List.of("stun:stun.example.org", "turn:[2001:db8::1]"));
        assertEquals(List.of("stun:stun.example.org"), urls.stun().stream().map(IceUrl::text).toList());
        assertEquals(List.of("[2001:db8::1]:3478", "stun.example.org:3478"),
                urls.udpProbeTargets().stream().map(IceUrl::endpoint).toList());
        assertEquals("2001:db8::1", urls.turn().get(0).hostName());
    }

    @Test
    void nothingConfiguredMeansNoIceServers() {
        IceServerUrls urls = IceServerUrls.parse(List.of(""));
        assertTrue(urls.stun().isEmpty());
        assertTrue(urls.turn().isEmpty());
    }

    @Test
    void defaultPortsFollowTheRfcs() {
        assertEquals(3478, IceUrl.parse("turn:h").port());
        assertEquals(5349, IceUrl.parse("turns:h").port());
    }

    @Test
    void rejectsMalformedUrlsWithTheOffendingText() {
        for (String bad : List.of("http://turn.example.org:3478", "turn:", "turn:host:99999", "stun:h?transport=udp",
                "turn:host?transport=sctp", "turn:user@host")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> IceServerUrls.parse(List.of(bad)), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}

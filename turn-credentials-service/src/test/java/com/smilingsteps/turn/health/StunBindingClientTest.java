package com.smilingsteps.turn.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.embedded.Coturn;
import com.smilingsteps.infra.embedded.FreePorts;

class StunBindingClientTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RFC5769_TRANSACTION = HEX.parseHex("b7e7a701bc34d686fa87dfae");

    @Test
    void requestIsTheRfc5389Header() {
        byte[] request = StunBindingClient.request(RFC5769_TRANSACTION);
        assertEquals("000100002112a442b7e7a701bc34d686fa87dfae", HEX.formatHex(request));
    }

    @Test
    void readsXorMappedAddressFromTheRfc5769SampleIpv4Response() throws Exception {
        // RFC 5769 section 2.2: SOFTWARE, XOR-MAPPED-ADDRESS 192.0.2.1:32853, MESSAGE-INTEGRITY, FINGERPRINT
        byte[] response = HEX.parseHex("0101003c2112a442b7e7a701bc34d686fa87dfae"
                + "8022000b7465737420766563746f7220"
                + "002000080001a147e112a643"
                + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
                + "80280004c07d4c96");
        assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853),
                StunBindingClient.parseResponse(response, RFC5769_TRANSACTION));
    }

    @Test
    void readsAnIpv6XorMappedAddress() throws Exception {
        // RFC 5769 section 2.3's XOR-MAPPED-ADDRESS: 2001:db8:1234:5678:11:2233:4455:6677 port 32853
        byte[] response = HEX.parseHex("010100182112a442b7e7a701bc34d686fa87dfae"
                + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9");
        assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
                StunBindingClient.parseResponse(response, RFC5769_TRANSACTION));
    }

    @Test
    void ignoresAnswersToOtherTransactions() throws Exception {
        byte[] response = HEX.parseHex("0101000c2112a442000000000000000000000000002000080001a147e112a643");
        assertNull(StunBindingClient.parseResponse(response, RFC5769_TRANSACTION));
    }

    @Test
    void reportsAnErrorResponseWithItsCode() {
        // Binding error response, ERROR-CODE 400 "Bad"
        byte[] response = HEX.parseHex("0111000c2112a442b7e7a701bc34d686fa87dfae" + "000900070000040142616400");
        StunBindingClient.StunFailure failure = assertThrows(StunBindingClient.StunFailure.class,
                () -> StunBindingClient.parseResponse(response, RFC5769_TRANSACTION));
        assertTrue(failure.getMessage().contains("401 Bad"), failure.getMessage());
    }

    @Test
    void aRealCoturnAnswersWithTheAddressItSawUs() throws Exception {
        int port = FreePorts.next();
        try (Coturn coturn = Coturn.start(new Coturn.Settings(port, List.of("k"), "probe.test", port + 1, port + 5,
                Optional.empty()))) {
            StunBindingClient.Binding binding = StunBindingClient.bind(
                    new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(2));
            assertEquals(InetAddress.getByName("127.0.0.1"), binding.mappedAddress().getAddress());
            assertTrue(binding.mappedAddress().getPort() > 0);
        }
    }

    @Test
    void aSilentServerTimesOutWithAClearReason() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            StunBindingClient.StunFailure failure = assertThrows(StunBindingClient.StunFailure.class,
                    () -> StunBindingClient.bind(new InetSocketAddress("127.0.0.1", silent.getLocalPort()),
                            Duration.ofMillis(700)));
            assertTrue(failure.getMessage().contains("no STUN answer"), failure.getMessage());
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
        }
    }

    @Test
    void aClosedPortIsReportedAsUnreachable() {
        int closed = FreePorts.next();
        StunBindingClient.StunFailure failure = assertThrows(StunBindingClient.StunFailure.class,
                () -> StunBindingClient.bind(new InetSocketAddress("127.0.0.1", closed), Duration.ofMillis(700)));
        assertTrue(failure.getMessage().contains("127.0.0.1:" + closed), failure.getMessage());
    }
}

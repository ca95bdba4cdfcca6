package com.smilingsteps.signaling.socket;

import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.Readiness;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.signaling.support.SignalingClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Heartbeats with the plan's 25 s / 60 s shrunk to 1 s / 3 s (the %test values in
 * application.properties): pongs keep a socket open, silence closes it.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class HeartbeatTest {

    @TestHTTPResource("/ws/signaling")
    URI http;

    @BeforeEach
    void ready() {
        Readiness.await();
    }

    @Test
    void aClientAnsweringPingsStaysConnected() throws Exception {
        String user = "psy-" + UUID.randomUUID();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        // the JDK client answers every ping with a pong, as browsers do
        try (SignalingClient socket = SignalingClient.connect(ws, TestJwt.accessToken(user, "psychologist"))) {
            Thread.sleep(5000);
            assertTrue(socket.isOpen());
            socket.send("join-room", "ticket", ticket(user, "psychologist", "room-" + UUID.randomUUID()));
            socket.await("existing-participants");
        }
    }

    @Test
    void aSilentClientIsClosed() throws Exception {
        String token = TestJwt.accessToken("client-" + UUID.randomUUID(), "client");
        try (Socket socket = new Socket(http.getHost(), http.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws/signaling?access_token=" + token + " HTTP/1.1\r\nHost: " + http.getHost() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            long start = System.nanoTime();
            int pings = 0;
            // never answer: read frames until the server closes
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                int length = in.readUnsignedByte() & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (opcode == 0x9) {
                    pings++;
                } else if (opcode == 0x8) {
                    int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                    assertEquals(1008, code);
                    assertTrue(pings >= 1, "pinged before being closed");
                    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                    assertTrue(seconds >= 2 && seconds <= 10, "closed after " + seconds + " s");
                    return;
                }
            }
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }
}

package com.smilingsteps.turn.health;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

/**
 * A minimal RFC 5389 STUN client: one Binding request over UDP, retransmitted with doubling
 * timeouts (RFC 5389 section 7.2.1), answered by the server's view of our address
 * (XOR-MAPPED-ADDRESS). A TURN server that answers is up and reachable on that port.
 */
public final class StunBindingClient {

    static final int MAGIC_COOKIE = 0x2112A442;
    static final int HEADER_LENGTH = 20;
    private static final short BINDING_REQUEST = 0x0001;
    private static final short BINDING_SUCCESS = 0x0101;
    private static final short BINDING_ERROR = 0x0111;
    private static final int MAPPED_ADDRESS = 0x0001;
    private static final int ERROR_CODE = 0x0009;
    private static final int XOR_MAPPED_ADDRESS = 0x0020;
    private static final int SENDS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The address the server saw the request come from, and how long the answer took. */
    public record Binding(InetSocketAddress mappedAddress, Duration roundTrip) {
    }

    /** The server did not answer properly; the message says why, for the health report. */
    public static final class StunFailure extends IOException {
        public StunFailure(String message) {
            super(message);
        }
    }

    private StunBindingClient() {
    }

    public static Binding bind(InetSocketAddress server, Duration timeout) throws StunFailure {
        if (server.isUnresolved()) {
            throw new StunFailure("cannot resolve " + server.getHostString());
        }
        byte[] transactionId = new byte[12];
        RANDOM.nextBytes(transactionId);
        byte[] request = request(transactionId);
        // RTO, 2 RTO, 4 RTO: the three sends together use the whole timeout
        long rtoMillis = Math.max(1, timeout.toMillis() / ((1L << SENDS) - 1));
        long started = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            byte[] buffer = new byte[1500];
            for (int send = 0; send < SENDS; send++) {
                socket.send(new DatagramPacket(request, request.length));
                long waitUntil = System.nanoTime() + Duration.ofMillis(rtoMillis << send).toNanos();
                long remaining;
                while ((remaining = waitUntil - System.nanoTime()) > 0) {
                    socket.setSoTimeout((int) Math.max(1, remaining / 1_000_000));
                    DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(answer);
                    } catch (SocketTimeoutException quiet) {
                        break;
                    }
                    InetSocketAddress mapped = parseResponse(Arrays.copyOf(buffer, answer.getLength()), transactionId);
                    if (mapped != null) {
                        return new Binding(mapped, Duration.ofNanos(System.nanoTime() - started));
                    }
                }
            }
            throw new StunFailure("no STUN answer from " + describe(server) + " within " + timeout.toMillis() + " ms");
        } catch (PortUnreachableException e) {
            throw new StunFailure("nothing listens on UDP " + describe(server) + " (ICMP port unreachable)");
        } catch (StunFailure e) {
            throw e;
        } catch (IOException e) {
            throw new StunFailure("STUN request to " + describe(server) + " failed: " + e.getMessage());
        }
    }

    /** A Binding request: type, zero length, magic cookie, transaction id; no attributes. */
    static byte[] request(byte[] transactionId) {
        return ByteBuffer.allocate(HEADER_LENGTH)
                .putShort(BINDING_REQUEST)
                .putShort((short) 0)
                .putInt(MAGIC_COOKIE)
                .put(transactionId)
                .array();
    }

    /**
     * The mapped address from a Binding success response to our transaction; null for datagrams
     * that are not that answer (stray or late packets are ignored, as RFC 5389 asks).
     */
    static InetSocketAddress parseResponse(byte[] message, byte[] transactionId) throws StunFailure {
        if (message.length < HEADER_LENGTH || (message[0] & 0xC0) != 0) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(message);
        short type = buffer.getShort();
        int length = buffer.getShort() & 0xFFFF;
        if (buffer.getInt() != MAGIC_COOKIE || HEADER_LENGTH + length > message.length) {
            return null;
        }
        byte[] id = new byte[12];
        buffer.get(id);
        if (!Arrays.equals(id, transactionId)) {
            return null;
        }
        if (type == BINDING_ERROR) {
            throw new StunFailure("STUN error response: " + errorCode(buffer, length));
        }
        if (type != BINDING_SUCCESS) {
            return null;
        }
        InetSocketAddress mapped = null;
        int end = HEADER_LENGTH + length;
        while (buffer.position() + 4 <= end) {
            int attribute = buffer.getShort() & 0xFFFF;
            int valueLength = buffer.getShort() & 0xFFFF;
            int valueStart = buffer.position();
            if (valueStart + valueLength > end) {
                throw new StunFailure("malformed STUN response (attribute overruns the message)");
            }
            if (attribute == XOR_MAPPED_ADDRESS) {
                return address(buffer, transactionId, true);
            }
            if (attribute == MAPPED_ADDRESS) {
                mapped = address(buffer, transactionId, false);
            }
            buffer.position(valueStart + ((valueLength + 3) & ~3));
        }
        if (mapped == null) {
            throw new StunFailure("STUN success response without a mapped address");
        }
        return mapped;
    }

    private static InetSocketAddress address(ByteBuffer buffer, byte[] transactionId, boolean xored)
            throws StunFailure {
        buffer.get(); // reserved
        int family = buffer.get();
        int port = buffer.getShort() & 0xFFFF;
        byte[] address = new byte[family == 0x01 ? 4 : family == 0x02 ? 16 : 0];
        if (address.length == 0) {
            throw new StunFailure("STUN response with unknown address family " + family);
        }
        buffer.get(address);
        if (xored) {
            port ^= MAGIC_COOKIE >>> 16;
            byte[] mask = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
            for (int i = 0; i < address.length; i++) {
                address[i] ^= mask[i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (IOException e) {
            throw new StunFailure("STUN response with a bad address");
        }
    }

    private static String errorCode(ByteBuffer buffer, int length) {
        int end = HEADER_LENGTH + length;
        while (buffer.position() + 4 <= end) {
            int attribute = buffer.getShort() & 0xFFFF;
            int valueLength = buffer.getShort() & 0xFFFF;
            int valueStart = buffer.position();
            if (attribute == ERROR_CODE && valueLength >= 4 && valueStart + valueLength <= end) {
                buffer.getShort();
                int code = (buffer.get() & 0x07) * 100 + (buffer.get() & 0xFF);
                byte[] reason = new byte[valueLength - 4];
                buffer.get(reason);
                return code + " " + new String(reason, StandardCharsets.UTF_8);
            }
            buffer.position(Math.min(end, valueStart + ((valueLength + 3) & ~3)));
        }
        return "without an error code";
    }

    private static String describe(InetSocketAddress server) {
        return server.getHostString() + ":" + server.getPort();
    }
}

package com.smilingsteps.gateway.routing;

import io.vertx.core.buffer.Buffer;

/**
 * Follows the frames of one direction of a tunnel (RFC 6455 section 5.2) through the bytes passed:
 * where each frame's header ends and how much payload is left. The tunnel uses it to know whether
 * the bytes passed so far end on a frame boundary (the gateway may add a frame of its own, a close,
 * there, never inside another frame); {@link FrameMeter} to charge each frame as its header ends.
 */
final class FrameBoundaries {

    private final byte[] header = new byte[14];
    private int headerHave;
    private int headerNeeded = 2;
    private long payloadLeft;
    private boolean headerJustRead;

    void passed(Buffer bytes) {
        for (int at = 0; at < bytes.length();) {
            at = step(bytes, at);
        }
    }

    /**
     * Reads on from {@code at} (before the end of {@code bytes}) to the end of the current payload
     * or header, or of the bytes; returns where it stopped. {@link #headerJustRead()} then says
     * whether that completed a frame's header.
     */
    int step(Buffer bytes, int at) {
        headerJustRead = false;
        int length = bytes.length();
        if (payloadLeft > 0) {
            int skip = (int) Math.min(payloadLeft, length - at);
            payloadLeft -= skip;
            return at + skip;
        }
        while (at < length) {
            header[headerHave++] = bytes.getByte(at++);
            if (headerHave == 2) {
                headerNeeded = headerLength(header[1]);
            }
            if (headerHave == headerNeeded) {
                payloadLeft = payloadLength(header);
                headerHave = 0;
                headerNeeded = 2;
                headerJustRead = true;
                return at;
            }
        }
        return at;
    }

    boolean atBoundary() {
        return headerHave == 0 && payloadLeft == 0;
    }

    /** Whether the last {@link #step} completed a header: {@link #header()} and {@link #payloadLength()} are its. */
    boolean headerJustRead() {
        return headerJustRead;
    }

    /** The last complete header (its first byte: FIN, RSV, opcode). */
    byte[] header() {
        return header;
    }

    /** The last complete header's length in bytes. */
    int headerLength() {
        return headerLength(header[1]);
    }

    /** The last complete header's payload length (the maximum for an invalid 64-bit length). */
    long payloadLength() {
        return payloadLength(header);
    }

    /** The header's length from its second byte: 2, the extended length, the mask key. */
    static int headerLength(byte second) {
        int length7 = second & 0x7f;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + ((second & 0x80) != 0 ? 4 : 0);
    }

    /** The payload length of a complete header; a 64-bit length with the top bit set (invalid) as the maximum. */
    static long payloadLength(byte[] header) {
        int length7 = header[1] & 0x7f;
        if (length7 < 126) {
            return length7;
        }
        int bytes = length7 == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (header[2 + i] & 0xff);
        }
        return length < 0 ? Long.MAX_VALUE : length;
    }
}

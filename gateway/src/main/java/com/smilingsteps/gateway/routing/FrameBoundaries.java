package com.smilingsteps.gateway.routing;

import io.vertx.core.buffer.Buffer;

/**
 * Follows the frames of one direction of a tunnel (RFC 6455 section 5.2) only to know whether the
 * bytes passed so far end on a frame boundary: the gateway may add a frame of its own (a close)
 * there, never inside another frame.
 */
final class FrameBoundaries {

    private final byte[] header = new byte[14];
    private int headerHave;
    private int headerNeeded = 2;
    private long payloadLeft;

    void passed(Buffer bytes) {
        int length = bytes.length();
        int at = 0;
        while (at < length) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, length - at);
                payloadLeft -= skip;
                at += skip;
                continue;
            }
            header[headerHave++] = bytes.getByte(at++);
            if (headerHave == 2) {
                headerNeeded = headerLength(header[1]);
            }
            if (headerHave == headerNeeded) {
                payloadLeft = payloadLength(header);
                headerHave = 0;
                headerNeeded = 2;
            }
        }
    }

    boolean atBoundary() {
        return headerHave == 0 && payloadLeft == 0;
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

package com.smilingsteps.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class FrameMeterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void framesWithinTheBurstPassAndTheNextOneWaitsForItsToken() {
        FrameMeter meter = new FrameMeter(new FrameBudgets.Budget(10, 5, now::get));
        Buffer six = Buffer.buffer();
        for (int i = 0; i < 6; i++) {
            six.appendBuffer(maskedText(20));
        }
        assertEquals(5 * 26, meter.affordable(six), "five frames of 26 bytes, then the sixth waits");
        assertEquals(100_000_000L, meter.waitNanos(), "one token at 10 per second");
        now.addAndGet(100_000_000L);
        assertEquals(0, meter.waitNanos());
        assertEquals(26, meter.affordable(six.getBuffer(5 * 26, 6 * 26)));
    }

    @Test
    void aFrameSplitAcrossReadsIsChargedOnceAndItsPayloadAlwaysPasses() {
        FrameMeter meter = new FrameMeter(new FrameBudgets.Budget(1, 2, now::get));
        Buffer frames = Buffer.buffer().appendBuffer(maskedText(300)).appendBuffer(maskedText(70_000))
                .appendBuffer(maskedText(3));
        int passed = 0;
        for (int i = 0; i < frames.length(); i++) {
            passed += meter.affordable(frames.getBuffer(i, i + 1));
        }
        // 1 token, then the 70,000-byte frame starts on the last token and costs a whole burst (2)
        assertEquals(frames.length() - maskedText(3).length(), passed, "the third frame waits");
        assertEquals(2_000_000_000L, meter.waitNanos(), "the bucket owes 1 and the next frame needs 1");
    }

    @Test
    void aCallersSocketsShareOneBudgetAndAFullUnusedOneIsForgotten() {
        FrameBudgets budgets = new FrameBudgets(10, 3, now::get);
        FrameMeter first = new FrameMeter(budgets.of("user-1"));
        assertEquals(3 * 26, first.affordable(Buffer.buffer().appendBuffer(maskedText(20)).appendBuffer(maskedText(20))
                .appendBuffer(maskedText(20))));
        FrameMeter reconnected = new FrameMeter(budgets.of("user-1"));
        assertEquals(0, reconnected.affordable(maskedText(20)), "a new socket of the same caller gets no new burst");
        assertEquals(26, new FrameMeter(budgets.of("user-2")).affordable(maskedText(20)), "another caller has their own");

        now.addAndGet(200_000_000L);
        budgets.sweep(100_000_000L);
        assertEquals(1, budgets.size(), "user-2's is full again and unused; user-1's is not full yet");
        now.addAndGet(200_000_000L);
        budgets.sweep(100_000_000L);
        assertEquals(0, budgets.size());
    }

    @Test
    void aBigPayloadCostsATokenPerWhole4KiB() {
        FrameMeter meter = new FrameMeter(new FrameBudgets.Budget(1, 100, now::get));
        meter.affordable(maskedText(8193)); // 1 + 2
        meter.affordable(maskedText(4096 * 90)); // 1 + 90
        assertEquals(0, meter.waitNanos(), "6 of 100 left");
        meter.affordable(maskedText(4096 * 6)); // 1 + 6
        assertEquals(2_000_000_000L, meter.waitNanos(), "owes 1, needs 1");
    }

    /** A client frame (masked) carrying {@code length} bytes of text. */
    static Buffer maskedText(int length) {
        Buffer frame = Buffer.buffer().appendByte((byte) 0x81);
        if (length < 126) {
            frame.appendByte((byte) (0x80 | length));
        } else if (length < 65536) {
            frame.appendByte((byte) (0x80 | 126)).appendShort((short) length);
        } else {
            frame.appendByte((byte) (0x80 | 127)).appendLong(length);
        }
        frame.appendInt(0x01020304);
        return frame.appendBytes(new byte[length]);
    }
}

package com.smilingsteps.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class FrameMeterTest {

    /** signaling's limit on a message */
    private static final long MAX_MESSAGE = 65_536;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void framesWithinTheBurstPassAndTheNextOneWaitsForItsToken() {
        FrameMeter meter = new FrameMeter(new FrameBudgets.Budget(10, 5, now::get), MAX_MESSAGE);
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
        FrameMeter meter = new FrameMeter(new FrameBudgets.Budget(1, 2, now::get), 1 << 20);
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
        FrameMeter first = new FrameMeter(budgets.of("user-1"), MAX_MESSAGE);
        assertEquals(3 * 26, first.affordable(Buffer.buffer().appendBuffer(maskedText(20)).appendBuffer(maskedText(20))
                .appendBuffer(maskedText(20))));
        FrameMeter reconnected = new FrameMeter(budgets.of("user-1"), MAX_MESSAGE);
        assertEquals(0, reconnected.affordable(maskedText(20)), "a new socket of the same caller gets no new burst");
        assertEquals(26, new FrameMeter(budgets.of("user-2"), MAX_MESSAGE).affordable(maskedText(20)), "another caller has their own");

        now.addAndGet(200_000_000L);
        budgets.sweep(100_000_000L);
        assertEquals(1, budgets.size(), "user-2's is full again and unused; user-1's is not full yet");
        now.addAndGet(200_000_000L);
        budgets.sweep(100_000_000L);
        assertEquals(0, budgets.size());
    }

    @Test
    void aBigPayloadCostsATokenPerWhole4KiB() {
        FrameMeter meter = new FrameMeter(new FrameBudgets.Budget(1, 100, now::get), 1 << 20);
        meter.affordable(maskedText(8193)); // 1 + 2
        meter.affordable(maskedText(4096 * 90)); // 1 + 90
        assertEquals(0, meter.waitNanos(), "6 of 100 left");
        meter.affordable(maskedText(4096 * 6)); // 1 + 6
        assertEquals(2_000_000_000L, meter.waitNanos(), "owes 1, needs 1");
    }

    @Test
    void aMessageOverTheUpstreamsLimitIsNotPassedFromItsHeaderOnAndCostsAWholeBurst() {
        FrameMeter meter = new FrameMeter(new FrameBudgets.Budget(1, 100, now::get), MAX_MESSAGE);
        Buffer small = maskedText(20);
        Buffer atLimit = maskedText((int) MAX_MESSAGE);
        Buffer reads = Buffer.buffer().appendBuffer(small).appendBuffer(atLimit).appendBuffer(maskedText(70_000))
                .appendBuffer(small);
        assertEquals(small.length() + atLimit.length(), meter.affordable(reads), "up to the start of the 70,000-byte frame");
        assertTrue(meter.tooBig());
        assertEquals(0, meter.affordable(small), "nothing after it");
        // 100 - 1 - 17, then the refused frame costs the whole burst: 18 owed, 1 needed
        assertEquals(19_000_000_000L, meter.waitNanos(), "a reconnect buys no fresh burst");
    }

    @Test
    void aMessagesFragmentsAreSummedAndControlFramesBetweenThemAreNot() {
        FrameMeter meter = new FrameMeter(new FrameBudgets.Budget(1, 100, now::get), MAX_MESSAGE);
        Buffer first = masked(0x01, 40_000);
        Buffer ping = masked(0x89, 100);
        Buffer second = masked(0x80, 25_536); // continuation, final: 65,536 in all
        Buffer next = masked(0x01, 40_000); // a new message starts from zero
        Buffer third = masked(0x80, 30_000); // 70,000 in all: too big
        Buffer reads = Buffer.buffer().appendBuffer(first).appendBuffer(ping).appendBuffer(second).appendBuffer(next)
                .appendBuffer(third);
        assertEquals(reads.length() - third.length(), meter.affordable(reads));
        assertTrue(meter.tooBig());
    }

    @Test
    void aHeaderSplitOverReadsIsRefusedWhenItIsComplete() {
        FrameMeter meter = new FrameMeter(new FrameBudgets.Budget(1, 100, now::get), MAX_MESSAGE);
        Buffer frame = maskedText(70_000);
        assertEquals(3, meter.affordable(frame.getBuffer(0, 3)), "the header so far");
        assertFalse(meter.tooBig());
        assertEquals(0, meter.affordable(frame.getBuffer(3, frame.length())));
        assertTrue(meter.tooBig());
    }

    /** A client frame (masked) carrying {@code length} bytes of text. */
    static Buffer maskedText(int length) {
        return masked(0x81, length);
    }

    /** A client frame (masked) with first byte {@code finAndOpcode} and {@code length} bytes of payload. */
    static Buffer masked(int finAndOpcode, int length) {
        Buffer frame = Buffer.buffer().appendByte((byte) finAndOpcode);
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

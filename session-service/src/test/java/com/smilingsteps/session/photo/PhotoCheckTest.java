package com.smilingsteps.session.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.smilingsteps.kit.problem.ProblemException;

class PhotoCheckTest {

    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

    @Test
    void recognisesJpegPngAndWebpByTheirFirstBytes() {
        assertEquals("image/png", PhotoCheck.detect(PNG));
        assertEquals("image/jpeg", PhotoCheck.detect(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }));
        assertEquals("image/webp", PhotoCheck.detect("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)));
        assertNull(PhotoCheck.detect("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)));
        assertNull(PhotoCheck.detect(new byte[] { (byte) 0xFF }));
    }

    @Test
    void refusesWhatIsNotTheImageItClaimsTooLargeOrEmpty() {
        assertEquals("image/png", PhotoCheck.require(PNG, "image/png"));
        assertEquals(415, assertThrows(ProblemException.class, () -> PhotoCheck.require(PNG, "image/jpeg")).status());
        assertEquals(415, assertThrows(ProblemException.class,
                () -> PhotoCheck.require("<html><script>".getBytes(StandardCharsets.UTF_8), "image/png")).status());
        byte[] large = new byte[PhotoCheck.MAX_BYTES + 1];
        System.arraycopy(PNG, 0, large, 0, PNG.length);
        assertEquals(413, assertThrows(ProblemException.class, () -> PhotoCheck.require(large, "image/png")).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> PhotoCheck.require(new byte[0], "image/png")).status());
    }
}

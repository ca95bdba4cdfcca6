package com.smilingsteps.session.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.smilingsteps.kit.problem.ProblemException;

class PhoneCipherTest {

    private final PhoneCipher cipher = new PhoneCipher(new byte[32]);

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String a = cipher.encrypt("254712345678");
        String b = cipher.encrypt("254712345678");
        assertNotEquals(a, b, "random IV per value");
        assertFalse(a.contains("712345678"));
        assertEquals("254712345678", cipher.decrypt(a));
    }

    @Test
    void tamperingOrAnotherKeyIsDetected() {
        String sealed = cipher.encrypt("254712345678");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(Base64.getEncoder().encodeToString(bytes)));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThrows(IllegalStateException.class, () -> new PhoneCipher(otherKey).decrypt(sealed));
        assertThrows(IllegalStateException.class, () -> new PhoneCipher(new byte[16]));
    }

    @Test
    void kenyanNumbersAreNormalizedForMpesa() {
        assertEquals("254712345678", Phones.normalize("0712 345 678"));
        assertEquals("254712345678", Phones.normalize("+254712345678"));
        assertEquals("254112345678", Phones.normalize("254-112-345-678"));
        assertThrows(ProblemException.class, () -> Phones.normalize("0812345678"));
        assertThrows(ProblemException.class, () -> Phones.normalize("12345"));
        assertThrows(ProblemException.class, () -> Phones.normalize(null));
    }
}

package com.smilingsteps.session.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.account.User;

/** Who may be erased now, and what kept records show instead of them. */
class ErasureRulesTest {

    @Test
    void aClientIsErasedWhateverIsBookedTheirUpcomingSessionsAreCancelled() {
        assertNull(ErasureRules.refusal(User.CLIENT, 3, 0));
    }

    @Test
    void aPsychologistWithUpcomingSessionsIsRefusedWithoutThemNot() {
        assertEquals("psychologist-has-upcoming-sessions", ErasureRules.refusal(User.PSYCHOLOGIST, 1, 2).slug());
        assertEquals(409, ErasureRules.refusal(User.PSYCHOLOGIST, 1, 2).status());
        assertNull(ErasureRules.refusal(User.PSYCHOLOGIST, 0, 0));
    }

    @Test
    void theLastAdminStaysAnotherOneMayGo() {
        assertEquals("last-admin", ErasureRules.refusal(User.ADMIN, 0, 0).slug());
        assertNull(ErasureRules.refusal(User.ADMIN, 0, 1));
    }

    @Test
    void keptRecordsNameTheRoleNotThePerson() {
        assertEquals("Former client", ErasureRules.anonymousName(User.CLIENT));
        assertEquals("Former psychologist", ErasureRules.anonymousName(User.PSYCHOLOGIST));
    }

    @Test
    void freeTextLosesTheAddressAndPhoneInAnyCaseAndNothingElse() {
        var personal = ErasureRules.anyOf("Amina.W@Example.test", "254712345678", null, " ");
        assertEquals("login from [erased] failed; sms to [erased]; amina stays",
                ErasureRules.redact("login from amina.w@example.TEST failed; sms to 254712345678; amina stays", personal));
        assertEquals("axb@d.e", ErasureRules.redact("axb@d.e", ErasureRules.anyOf("a.b@d.e")),
                "the address is matched literally: its dots are no wildcards");
        assertNull(ErasureRules.anyOf(null, ""));
        assertEquals("unchanged", ErasureRules.redact("unchanged", null));
    }
}

package com.smilingsteps.session.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.smilingsteps.kit.problem.ProblemException;

/** When a new password must come with the privacy notice accepted, and what is recorded (no Quarkus). */
class PrivacyConsentTest {

    private static final Instant NOW = Instant.parse("2026-11-29T05:00:00Z");

    @Test
    void anAccountWithoutConsentMustAcceptTheCurrentNotice() {
        User practiceCreated = new User();
        for (String notice : new String[] { null, " ", "2020-01-01" }) {
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> PrivacyConsent.onNewPassword(practiceCreated, notice, NOW));
            assertEquals("privacyNotice", refused.field());
            assertEquals(400, refused.status());
        }
        PrivacyConsent recorded = PrivacyConsent.onNewPassword(practiceCreated, PrivacyConsent.CURRENT_NOTICE, NOW);
        assertEquals(PrivacyConsent.CURRENT_NOTICE, recorded.notice);
        assertEquals(NOW, recorded.acceptedAt);
    }

    @Test
    void someoneWhoConsentedIsNotAskedAgainAndANewerNoticeReplacesTheRecord() {
        User signedUp = new User();
        signedUp.privacyConsent = PrivacyConsent.accepted(PrivacyConsent.CURRENT_NOTICE, NOW.minusSeconds(86_400));
        assertNull(PrivacyConsent.onNewPassword(signedUp, null, NOW));
        assertNull(PrivacyConsent.onNewPassword(signedUp, PrivacyConsent.CURRENT_NOTICE, NOW), "the sign-up record stays");

        User earlierNotice = new User();
        earlierNotice.privacyConsent = new PrivacyConsent();
        earlierNotice.privacyConsent.notice = "2025-01-01";
        assertNull(PrivacyConsent.onNewPassword(earlierNotice, null, NOW), "not asked again");
        assertEquals(NOW, PrivacyConsent.onNewPassword(earlierNotice, PrivacyConsent.CURRENT_NOTICE, NOW).acceptedAt);
        assertThrows(ProblemException.class, () -> PrivacyConsent.onNewPassword(earlierNotice, "2024-06-01", NOW));
    }
}

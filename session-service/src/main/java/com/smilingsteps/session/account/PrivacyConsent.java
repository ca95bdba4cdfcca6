package com.smilingsteps.session.account;

import java.time.Instant;

import com.smilingsteps.kit.problem.ProblemException;

/**
 * The privacy notice a person accepted, and when (the server's clock): at sign-up, or, for an account
 * the practice created (an invited psychologist, the bootstrap admin, one an admin gave a password),
 * the first time its owner sets their own password.
 */
public class PrivacyConsent {

    /**
     * The notice the SPA shows at /privacy; it sends this version with the registration
     * (gateway/src/main/webui/src/features/privacy/notice.ts, NOTICE_VERSION). A new notice gets a new version.
     */
    public static final String CURRENT_NOTICE = "2026-11-29";

    public String notice;
    public Instant acceptedAt;

    public PrivacyConsent() {
    }

    private PrivacyConsent(String notice, Instant acceptedAt) {
        this.notice = notice;
        this.acceptedAt = acceptedAt;
    }

    /** The consent of someone who accepted {@code notice} now at registration; 400 unless it is the current notice. */
    public static PrivacyConsent accepted(String notice, Instant now) {
        return accepted(notice, now, "to register");
    }

    /**
     * The consent of someone who accepted {@code notice} now; 400 naming {@code privacyNotice} unless
     * it is the current notice. {@code purpose} ends the refusal ("to register", "to set your password").
     */
    public static PrivacyConsent accepted(String notice, Instant now, String purpose) {
        if (notice == null || notice.isBlank()) {
            throw ProblemException.badRequest("privacyNotice", "accept the privacy notice " + purpose);
        }
        if (!CURRENT_NOTICE.equals(notice)) {
            throw ProblemException.badRequest("privacyNotice",
                    "the privacy notice has changed since this page was loaded: reload, read it and accept it again");
        }
        return new PrivacyConsent(notice, now);
    }

    /**
     * What setting a password records for {@code user}: required (400) from someone who has accepted
     * no notice yet; from someone who has, nothing unless they send a notice other than the one on
     * record (then it must be the current one, and replaces it).
     */
    public static PrivacyConsent onNewPassword(User user, String notice, Instant now) {
        boolean none = user.privacyConsent == null;
        if (!none && (notice == null || notice.isBlank() || notice.equals(user.privacyConsent.notice))) {
            return null;
        }
        return accepted(notice, now, "to set your password");
    }
}

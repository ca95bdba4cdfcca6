package com.smilingsteps.session.account;

import java.time.Instant;

import com.smilingsteps.kit.problem.ProblemException;

/** The privacy notice a person accepted when they signed up, and when (the server's clock). */
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

    /** The consent of someone who accepted {@code notice} now; 400 unless it is the current notice. */
    public static PrivacyConsent accepted(String notice, Instant now) {
        if (notice == null || notice.isBlank()) {
            throw ProblemException.badRequest("privacyNotice", "accept the privacy notice to register");
        }
        if (!CURRENT_NOTICE.equals(notice)) {
            throw ProblemException.badRequest("privacyNotice",
                    "the privacy notice has changed since this page was loaded: reload, read it and accept it again");
        }
        return new PrivacyConsent(notice, now);
    }
}

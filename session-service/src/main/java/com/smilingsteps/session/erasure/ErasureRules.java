package com.smilingsteps.session.erasure;

import java.util.regex.Pattern;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.User;

/**
 * What erasing an account may do and what it leaves behind, free of storage so it can be tested
 * alone. A client's upcoming sessions are cancelled (as the client cancelling them: the usual
 * notice and refund rules); a psychologist with upcoming sessions must hand them over first (their
 * clients need another appointment, not a silent cancellation); the last admin cannot go (nobody
 * could run the practice). Records the practice must keep (sessions for the clinical record,
 * payments for accounting) stay, with the person's name replaced and their address removed.
 */
public final class ErasureRules {

    /** What a kept session shows instead of an erased person's name. */
    public static final String ERASED_CLIENT = "Former client";
    public static final String ERASED_PSYCHOLOGIST = "Former psychologist";
    /** What replaces an erased address or phone inside a kept free text (audit reasons). */
    public static final String REDACTED = "[erased]";

    private ErasureRules() {
    }

    /** Why this account cannot be erased now; null when it can. */
    public static ProblemException refusal(String role, long upcomingSessions, long otherAdmins) {
        if (User.PSYCHOLOGIST.equals(role) && upcomingSessions > 0) {
            return ProblemException.conflict("psychologist-has-upcoming-sessions", upcomingSessions
                    + " upcoming session(s) still booked with you: ask the practice to move them to a colleague"
                    + " or cancel them, then erase the account");
        }
        if (User.ADMIN.equals(role) && otherAdmins == 0) {
            return ProblemException.conflict("last-admin",
                    "this is the practice's only admin account: create another admin before erasing it");
        }
        return null;
    }

    /** The name a kept record shows for an erased participant in {@code role}. */
    public static String anonymousName(String role) {
        return User.PSYCHOLOGIST.equals(role) ? ERASED_PSYCHOLOGIST : ERASED_CLIENT;
    }

    /**
     * A case-insensitive pattern matching any of {@code values} literally inside a text (null and
     * blank values are skipped); null when there is nothing to look for.
     */
    public static Pattern anyOf(String... values) {
        StringBuilder alternatives = new StringBuilder();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(value.trim()));
            }
        }
        return alternatives.isEmpty() ? null : Pattern.compile(alternatives.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** {@code text} with every match of {@code personal} replaced by {@link #REDACTED}. */
    public static String redact(String text, Pattern personal) {
        return text == null || personal == null ? text : personal.matcher(text).replaceAll(REDACTED);
    }
}

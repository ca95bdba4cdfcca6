package com.smilingsteps.session.joinlink;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.smilingsteps.session.account.AccountTokens.Stored;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.videocall.JoinRules;

/**
 * Whether a personal join link may sign its person in now. Pure: no I/O, no clock. A link is
 * bound to its session at the date it was mailed for (a moved session's old links are dead), used
 * once, and works from 15 minutes before the start until the call window closes; the call's own
 * {@link JoinRules} (participant, paid, Confirmed or In Progress) apply on top.
 */
public final class JoinLinkRules {

    private static final DateTimeFormatter OPENS = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm (zzz)", Locale.ENGLISH);

    /** A refusal: HTTP status, stable problem slug, what the person reads, and the audit reason. */
    public record Refusal(int status, String slug, String detail, String reason) {
    }

    private JoinLinkRules() {
    }

    /** The refusal of an unknown token. */
    public static Refusal unknown() {
        return new Refusal(400, "link-invalid", "This join link is not valid. Sign in to join your session.",
                "unknown join link");
    }

    /** Null when the link may be used now; {@code session} is null when it no longer exists. */
    public static Refusal decide(Stored link, Session session, Instant now, ZoneId zone) {
        if (link.withdrawn() || session == null || !session.sessionDate.minus(JoinRules.EARLIEST).equals(link.validFrom())) {
            return new Refusal(410, "link-replaced",
                    "This session has been moved or removed. Use the link in the newest email, or sign in to join.",
                    "join link of an earlier session date");
        }
        if (link.used()) {
            return new Refusal(410, "link-used",
                    "This join link has already been used. If it is yours, sign in to join your session.",
                    "join link used again");
        }
        if (now.isBefore(link.validFrom())) {
            return new Refusal(409, "link-not-open-yet", "This link opens 15 minutes before the session, on "
                    + OPENS.format(link.validFrom().atZone(zone)) + ".", "join link used before its window");
        }
        if (!now.isBefore(link.expiresAt())) {
            return new Refusal(410, "link-expired", "The call window of this session has closed.",
                    "join link used after its window");
        }
        JoinRules.Decision call = JoinRules.decide(session, link.userId(), false, now);
        if (!call.allowed()) {
            return new Refusal(call.status(), call.slug(), "This session cannot be joined now: " + call.reason() + ".",
                    call.reason());
        }
        return null;
    }
}

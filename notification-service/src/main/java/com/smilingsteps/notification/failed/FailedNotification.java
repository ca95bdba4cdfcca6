package com.smilingsteps.notification.failed;

import java.time.Instant;

/**
 * A dead-lettered email as an admin sees it: which session and which party, what went wrong; the
 * address itself is left out (the admin finds it in the user record if needed).
 */
public record FailedNotification(
        String id,
        String kind,
        String sessionId,
        String recipientRole,
        String recipientId,
        int attempts,
        String lastError,
        Instant sessionDate,
        Instant failedAt) {
}

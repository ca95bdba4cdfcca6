package com.smilingsteps.notification.mine;

import java.time.Instant;
import java.util.List;

/**
 * The emails this service holds for one person: jobs not yet erased (with the address they went
 * to) and the delivery record of every email ever sent to them (ids and times only).
 */
public record SentToMe(List<Job> jobs, List<Delivery> deliveries) {

    public record Job(String id, String kind, String sessionId, String status, String to, Instant sessionDate,
            Instant dueAt, Instant sentAt) {
    }

    public record Delivery(String id, String kind, String sessionId, Instant sentAt) {
    }
}

package com.smilingsteps.session.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.outbox.OutboxRelay;

import io.quarkus.scheduler.Scheduled;

/**
 * Expires unpaid bookings whose payment hold ran out: one conditional update per session (status
 * Expired, slot freed, SessionExpired in its outbox). With two replicas both may pick a session;
 * the condition lets exactly one update it, so the event is written once. A payment in Processing
 * is never expired here: Daraja's answer (or the reconciliation job) decides first.
 */
@ApplicationScoped
public class HoldExpiryJob {

    private static final Logger LOG = Logger.getLogger(HoldExpiryJob.class);
    static final List<String> UNPAID = List.of(PaymentStatus.PENDING, PaymentStatus.FAILED);

    private final SessionStore store;
    private final OutboxRelay relay;
    private final ClientQuota quota;

    public HoldExpiryJob(SessionStore store, OutboxRelay relay, ClientQuota quota) {
        this.store = store;
        this.relay = relay;
        this.quota = quota;
    }

    @Scheduled(every = "${booking.expiry-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int expired = expireDue(Instant.now());
        if (expired > 0) {
            LOG.infof("expired %d unpaid booking(s)", expired);
        }
        quota.purge();
    }

    /** Expires every session whose hold ended before {@code now}; returns how many this call expired. */
    public int expireDue(Instant now) {
        return expireAll(expirable(now));
    }

    /**
     * Expires every session matching {@code expirable} (also the condition of each one's update):
     * status Expired, slot freed, SessionExpired; returns how many this call expired.
     */
    public int expireAll(Bson expirable) {
        List<Session> due = new ArrayList<>();
        Session.collection().find(expirable).limit(500).forEach(due::add);
        int expired = 0;
        for (Session session : due) {
            Session updated = store.update(session.id, expirable,
                    List.of(Updates.set("status", SessionStatus.EXPIRED), Updates.unset("slotKey")),
                    SessionEvents.event(SessionEvents.EXPIRED, session, SessionStatus.EXPIRED, Map.of()));
            expired += updated == null ? 0 : 1;
        }
        if (expired > 0) {
            relay.nudge();
        }
        return expired;
    }

    private static Bson expirable(Instant now) {
        return Filters.and(Filters.eq("status", SessionStatus.PENDING), Filters.in("paymentStatus", UNPAID),
                Filters.lt("holdUntil", now));
    }
}

package com.smilingsteps.session.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionEvents;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.outbox.OutboxRelay;

import io.quarkus.scheduler.Scheduled;

/**
 * Releases group seats left unpaid after their hold, like {@code HoldExpiryJob} does for
 * one-to-one bookings: one conditional update per seat (seat pulled, count lowered, SeatReleased
 * in the outbox), so with two replicas each seat is released, and its event written, once. A seat
 * whose payment is in Processing is never released here.
 */
@ApplicationScoped
public class GroupSeatExpiryJob {

    private static final Logger LOG = Logger.getLogger(GroupSeatExpiryJob.class);
    static final List<String> UNPAID = List.of(PaymentStatus.PENDING, PaymentStatus.FAILED);

    private final SessionStore store;
    private final OutboxRelay relay;

    public GroupSeatExpiryJob(SessionStore store, OutboxRelay relay) {
        this.store = store;
        this.relay = relay;
    }

    @Scheduled(every = "${booking.expiry-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int released = releaseDue(Instant.now());
        if (released > 0) {
            LOG.infof("released %d unpaid group seat(s)", released);
        }
    }

    /** Releases every seat whose hold ended before {@code now}; returns how many this call released. */
    public int releaseDue(Instant now) {
        List<Session> due = new ArrayList<>();
        Session.collection().find(Filters.elemMatch("seats", expired(now, null))).limit(500).forEach(due::add);
        int released = 0;
        for (Session session : due) {
            for (Seat seat : session.seats) {
                if (!UNPAID.contains(seat.paymentStatus) || seat.holdUntil == null || !seat.holdUntil.isBefore(now)) {
                    continue;
                }
                // the status is part of the condition: the event reports it as it stays
                Bson stillDue = Filters.and(Filters.eq("status", session.status),
                        Filters.elemMatch("seats", expired(now, seat.client.userId)));
                Session updated = store.update(session.id, stillDue, GroupSessions.releasing(seat.client.userId),
                        SessionEvents.seatEvent(SessionEvents.SEAT_RELEASED, session, seat.client, session.paidClients(),
                                session.status, Map.of()));
                released += updated == null ? 0 : 1;
            }
        }
        if (released > 0) {
            relay.nudge();
        }
        return released;
    }

    private static Bson expired(Instant now, String clientId) {
        Bson unpaid = Filters.and(Filters.in("paymentStatus", UNPAID), Filters.lt("holdUntil", now));
        return clientId == null ? unpaid : Filters.and(Filters.eq("client.userId", clientId), unpaid);
    }
}

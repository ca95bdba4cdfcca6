package com.smilingsteps.session.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.smilingsteps.session.booking.HoldExpiryJob;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionEvents;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.outbox.OutboxRelay;

import io.quarkus.scheduler.Scheduled;

/**
 * Releases group seats left unpaid after their hold, like {@code HoldExpiryJob} does for
 * one-to-one bookings: one conditional update per seat (seat pulled, count lowered, SeatReleased
 * in the outbox), so with two replicas each seat is released, and its event written, once. A seat
 * whose payment is in Processing is never released here.
 *
 * <p>A group still Pending when its start time arrives (no seat was paid) did not take place: it
 * expires as an unpaid one-to-one booking does (status Expired, slot freed, SessionExpired, which
 * tells the psychologist), again one conditional update. A seat payment still in Processing at
 * the start holds that decision back until M-Pesa answers; seats unpaid then expire with it.
 */
@ApplicationScoped
public class GroupSeatExpiryJob {

    private static final Logger LOG = Logger.getLogger(GroupSeatExpiryJob.class);
    static final List<String> UNPAID = List.of(PaymentStatus.PENDING, PaymentStatus.FAILED);

    private final SessionStore store;
    private final OutboxRelay relay;
    private final HoldExpiryJob holdExpiry;

    public GroupSeatExpiryJob(SessionStore store, OutboxRelay relay, HoldExpiryJob holdExpiry) {
        this.store = store;
        this.relay = relay;
        this.holdExpiry = holdExpiry;
    }

    @Scheduled(every = "${booking.expiry-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Instant now = Instant.now();
        int released = releaseDue(now);
        int expired = expireUnpaidGroups(now);
        if (released + expired > 0) {
            LOG.infof("released %d unpaid group seat(s), expired %d group session(s) nobody paid", released, expired);
        }
    }

    /** Expires every Pending group whose start time has come without a paid seat; returns how many this call expired. */
    public int expireUnpaidGroups(Instant now) {
        return holdExpiry.expireAll(unpaidAtStart(now));
    }

    private static Bson unpaidAtStart(Instant now) {
        return Filters.and(Filters.exists("capacity"), Filters.eq("status", SessionStatus.PENDING),
                Filters.lte("sessionDate", now),
                Filters.nin("seats.paymentStatus", List.of(PaymentStatus.PAID, PaymentStatus.PROCESSING)));
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
                // (and the paid seats: the event lists them; a seat paid meanwhile waits for the next pass)
                Bson stillDue = Filters.and(Filters.eq("status", session.status), PaidSeats.asIn(session),
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

package com.smilingsteps.session.refund;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.group.Seat;

import io.quarkus.runtime.StartupEvent;

/**
 * Brings group sessions stored before refunds were per seat to the per-seat shape, at startup,
 * idempotently (each change is conditional on the old shape). A cancelled group kept its refund on
 * the session only: its paid seats get it. A group whose only given-up seat was Due when an admin
 * marked the session's refund done gets that seat marked done by the same admin. With several seats
 * Due and the session Done, which one was paid back is unknowable: they stay Due (logged) for the
 * admin to check against the M-Pesa portal.
 */
@ApplicationScoped
public class RefundShapeMigration {

    private static final Logger LOG = Logger.getLogger(RefundShapeMigration.class);

    private final SessionStore store;

    RefundShapeMigration(SessionStore store) {
        this.store = store;
    }

    void migrate(@Observes @Priority(2) StartupEvent event) {
        int seats = seatsOfCancelledGroups();
        int givenUp = soleGivenUpSeatsMarkedDone();
        if (seats + givenUp > 0) {
            LOG.infof("refunds made per seat: %d cancelled group(s), %d given-up seat(s) marked done", seats, givenUp);
        }
    }

    /** A cancelled (or expired) group with a session-level refund and paid seats without their own. */
    int seatsOfCancelledGroups() {
        var oldShape = Filters.and(Filters.exists("capacity"), Filters.in("status", SessionStatus.CANCELLED, SessionStatus.EXPIRED),
                Filters.in("refundStatus", RefundPolicy.DUE, RefundPolicy.DONE),
                Filters.elemMatch(Refunds.SEATS, Filters.and(Filters.eq("paymentStatus", PaymentStatus.PAID),
                        Filters.exists("refundStatus", false))));
        int migrated = 0;
        for (Session session : find(oldShape)) {
            // the refundStatus last: the embedded server matches array filters again after each field it sets
            var changes = new ArrayList<Bson>();
            if (RefundPolicy.DONE.equals(session.refundStatus)) {
                changes.add(Updates.set("seats.$[owed].refundedBy", session.refundedBy));
                changes.add(Updates.set("seats.$[owed].refundedAt", session.refundedAt));
            }
            changes.add(Updates.set("seats.$[owed].refundStatus", session.refundStatus));
            migrated += store.update(session.id, oldShape, changes, List.of(new Document("owed.paymentStatus",
                    PaymentStatus.PAID).append("owed.refundStatus", new Document("$exists", false))), null) == null ? 0 : 1;
        }
        return migrated;
    }

    /** A group marked refunded as a whole while exactly one given-up seat was Due: that one was paid back. */
    int soleGivenUpSeatsMarkedDone() {
        var oldShape = Filters.and(Filters.exists("capacity"), Filters.eq("refundStatus", RefundPolicy.DONE),
                Filters.eq(Refunds.GIVEN_UP + ".refundStatus", RefundPolicy.DUE));
        int migrated = 0;
        for (Session session : find(oldShape)) {
            List<Seat> due = session.givenUpSeats.stream().filter(seat -> RefundPolicy.DUE.equals(seat.refundStatus)).toList();
            if (due.size() != 1) {
                LOG.warnf("group session %s: %d given-up seats still Due though its refund was marked done as a whole;"
                        + " check them against the M-Pesa portal", session.idText(), due.size());
                continue;
            }
            migrated += store.update(session.id, oldShape, List.of(Updates.set("givenUpSeats.$[owed].refundedBy", session.refundedBy),
                    Updates.set("givenUpSeats.$[owed].refundedAt", session.refundedAt),
                    Updates.set("givenUpSeats.$[owed].refundStatus", RefundPolicy.DONE)),
                    List.of(Filters.eq("owed.refundStatus", RefundPolicy.DUE)), null) == null ? 0 : 1;
        }
        return migrated;
    }

    private static List<Session> find(Bson filter) {
        List<Session> found = new ArrayList<>();
        Session.collection().find(filter).limit(1000).forEach(found::add);
        return found;
    }
}

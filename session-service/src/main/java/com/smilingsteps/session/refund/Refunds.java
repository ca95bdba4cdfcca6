package com.smilingsteps.session.refund;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.booking.Party;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.booking.SessionView.PartyView;
import com.smilingsteps.session.group.Seat;

/**
 * The refunds the practice owes, one per client payment: a one-to-one session's refund is the
 * session's ({@code refundStatus} on it); a group's is each paid seat's, kept on the seat (in
 * {@code seats} when the group was cancelled or paid after it, in {@code givenUpSeats} when its
 * client gave it up). A group's own {@code refundStatus} only sums its seats up: Due while any seat
 * is. Marking one done is one conditional update of that seat (or session), so two admins never
 * both mark it, and marking one never hides another.
 */
@ApplicationScoped
public class Refunds {

    static final String GIVEN_UP = "givenUpSeats";
    static final String SEATS = "seats";

    /**
     * One refund owed to one client. {@code id} is the session's; {@code donePath} is where an admin
     * marks this one done; {@code givenUpAt} is set when its client gave a group seat up.
     */
    public record RefundView(String id, String sessionType, String title, Instant sessionDate, String sessionStatus,
            PartyView client, PartyView psychologist, long amount, String paymentMethod, String mpesaReceipt,
            String cancelledBy, Instant givenUpAt, String refundStatus, String refundedBy, Instant refundedAt, String donePath) {
    }

    private final SessionStore store;

    Refunds(SessionStore store) {
        this.store = store;
    }

    /** The refunds in {@code status} (Due or Done), least recently changed session first. */
    public List<RefundView> list(String status) {
        Bson wanted = Filters.or(Filters.and(Filters.exists("capacity", false), Filters.eq("refundStatus", status)),
                Filters.eq(SEATS + ".refundStatus", status), Filters.eq(GIVEN_UP + ".refundStatus", status));
        List<RefundView> found = new ArrayList<>();
        Session.collection().find(wanted).sort(Sorts.ascending("updatedAt")).limit(500).forEach(s -> found.addAll(of(s, status)));
        return found;
    }

    /** The refunds of {@code session} in {@code status}. */
    static List<RefundView> of(Session session, String status) {
        List<RefundView> refunds = new ArrayList<>();
        if (!session.isGroup()) {
            if (status.equals(session.refundStatus)) {
                refunds.add(view(session, session.client, session.paymentMethod, session.mpesaReceipt, null, session.refundStatus,
                        session.refundedBy, session.refundedAt, "/api/admin/refunds/" + session.idText() + "/done"));
            }
            return refunds;
        }
        Stream.of(session.seats, session.givenUpSeats).filter(Objects::nonNull).flatMap(List::stream)
                .filter(seat -> status.equals(seat.refundStatus)).forEach(seat -> refunds.add(seatView(session, seat)));
        return refunds;
    }

    /**
     * Marks {@code clientId}'s due refund of a group done: a given-up seat's first, else their seat
     * of the cancelled group. When no seat is due any more the group's own refundStatus follows.
     */
    public RefundView seatDone(Session session, String clientId, String adminId) {
        if (!session.isGroup()) {
            throw ProblemException.notFound("group session");
        }
        Instant now = Instant.now();
        for (String array : List.of(GIVEN_UP, SEATS)) {
            Bson due = Filters.elemMatch(array, Filters.and(Filters.eq("client.userId", clientId),
                    Filters.eq("refundStatus", RefundPolicy.DUE)));
            Session updated = store.update(session.id, due, List.of(Updates.set(array + ".$.refundStatus", RefundPolicy.DONE),
                    Updates.set(array + ".$.refundedBy", adminId), Updates.set(array + ".$.refundedAt", now)), null);
            if (updated != null) {
                store.update(session.id, Filters.and(Filters.eq("refundStatus", RefundPolicy.DUE),
                        Filters.ne(SEATS + ".refundStatus", RefundPolicy.DUE), Filters.ne(GIVEN_UP + ".refundStatus", RefundPolicy.DUE)),
                        List.of(Updates.set("refundStatus", RefundPolicy.DONE), Updates.set("refundedBy", adminId),
                                Updates.set("refundedAt", now)), null);
                List<Seat> seats = GIVEN_UP.equals(array) ? updated.givenUpSeats : updated.seats;
                Seat marked = seats.stream().filter(seat -> clientId.equals(seat.client.userId)
                        && RefundPolicy.DONE.equals(seat.refundStatus)).reduce((first, later) -> later).orElseThrow();
                return seatView(updated, marked);
            }
        }
        throw ProblemException.conflict("refund-not-due", "this client has no refund due for this session");
    }

    private static RefundView seatView(Session session, Seat seat) {
        return view(session, seat.client, seat.paymentMethod, seat.mpesaReceipt, seat.givenUpAt, seat.refundStatus, seat.refundedBy,
                seat.refundedAt, "/api/admin/refunds/" + session.idText() + "/seats/" + seat.client.userId + "/done");
    }

    private static RefundView view(Session s, Party client, String method, String receipt, Instant givenUpAt, String status,
            String refundedBy, Instant refundedAt, String donePath) {
        return new RefundView(s.idText(), s.sessionType, s.title, s.sessionDate, s.status, party(client), party(s.psychologist),
                s.price, method, receipt, givenUpAt == null ? s.cancelledBy : "client", givenUpAt, status, refundedBy, refundedAt,
                RefundPolicy.DUE.equals(status) ? donePath : null);
    }

    private static PartyView party(Party p) {
        return p == null ? null : new PartyView(p.userId, p.name, p.email);
    }
}

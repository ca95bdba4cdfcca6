package com.smilingsteps.session.group;

import java.util.ArrayList;
import java.util.List;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;

/**
 * A group's events list every paid seat's client, and the TURN service replaces what it knows with
 * each event's list: an update whose event was built from a read must still find exactly the seats
 * paid that the read found, or a stale list published last would cut a paid client off TURN.
 */
final class PaidSeats {

    private PaidSeats() {
    }

    /** The seats paid in {@code session} (as read) are still the paid ones, and no other is. */
    static Bson asIn(Session session) {
        List<String> paidIds = session.paidClients().stream().map(party -> party.userId).toList();
        List<Bson> conditions = new ArrayList<>();
        paidIds.forEach(id -> conditions.add(Filters.elemMatch("seats",
                Filters.and(Filters.eq("client.userId", id), Filters.eq("paymentStatus", PaymentStatus.PAID)))));
        conditions.add(Filters.not(Filters.elemMatch("seats",
                Filters.and(Filters.nin("client.userId", paidIds), Filters.eq("paymentStatus", PaymentStatus.PAID)))));
        return Filters.and(conditions);
    }
}

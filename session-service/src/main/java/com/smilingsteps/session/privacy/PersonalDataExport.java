package com.smilingsteps.session.privacy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.smilingsteps.session.account.PhoneCipher;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.payment.Payment;

/** Gathers a person's data from the users, sessions and payments collections. */
@ApplicationScoped
public class PersonalDataExport {

    private final PhoneCipher phones;
    private final Clock clock = Clock.systemUTC();

    PersonalDataExport(PhoneCipher phones) {
        this.phones = phones;
    }

    /** {@code user}'s records here, with {@code emails} (notification-service's part) alongside. */
    public PersonalData of(User user, JsonNode emails) {
        String id = user.idText();
        PersonalData.Profile profile = new PersonalData.Profile(id, user.name, user.email, user.role,
                phone(user.phoneEncrypted), user.createdAt, user.specialties, user.languages, user.bio, user.rates,
                user.photoUpdatedAt != null, user.privacyConsent == null ? null
                        : new PersonalData.Consent(user.privacyConsent.notice, user.privacyConsent.acceptedAt));
        List<PersonalData.SessionRecord> sessions = new ArrayList<>();
        Session.collection().find(Filters.or(Filters.eq("client.userId", id), Filters.eq("psychologist.userId", id),
                Filters.eq("seats.client.userId", id)))
                .sort(Sorts.ascending("sessionDate")).forEach(s -> sessions.add(record(s, id)));
        List<PersonalData.PaymentRecord> payments = new ArrayList<>();
        Payment.collection().find(Filters.eq("clientId", id)).sort(Sorts.ascending("createdAt"))
                .forEach(p -> payments.add(new PersonalData.PaymentRecord(p.id.toHexString(), p.sessionId, p.amount,
                        p.method, p.status, p.mpesaReceipt, phone(p.phoneEncrypted), p.createdAt, p.updatedAt)));
        return new PersonalData(clock.instant(), profile, sessions, payments, emails);
    }

    private static PersonalData.SessionRecord record(Session s, String userId) {
        String role = s.roleOf(userId);
        // a group session's psychologist met several clients: the export names the group, not them
        String other = "client".equals(role) ? s.psychologist.name : s.client != null ? s.client.name : s.title;
        return new PersonalData.SessionRecord(s.idText(), role, other, s.sessionDate, s.sessionType, s.price, s.status,
                s.paymentStatus, s.paymentMethod, s.mpesaReceipt, s.videoCallStarted, s.videoCallEnded, s.callDuration,
                s.endedBy, s.noShowBy, s.cancelledBy, s.refundStatus, s.createdAt);
    }

    private String phone(String encrypted) {
        return encrypted == null ? null : phones.decrypt(encrypted);
    }
}

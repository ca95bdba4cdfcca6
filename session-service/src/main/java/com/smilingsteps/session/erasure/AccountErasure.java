package com.smilingsteps.session.erasure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountErased;
import com.smilingsteps.session.account.AccountEvents;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.BookingService;
import com.smilingsteps.session.booking.OutboxEntry;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.group.GroupSessions;
import com.smilingsteps.session.outbox.OutboxRelay;
import com.smilingsteps.session.signin.AccessRevocations;
import com.smilingsteps.session.signin.RefreshTokens;

/**
 * Erases an account ({@link ErasureRules} says what may go and what stays). Each step is
 * idempotent and the account document goes last, so an erasure cut short is finished by asking
 * again. What is left is a tombstone in {@code erased_accounts} (id, role, when, by whom: no name,
 * no address) whose outbox publishes {@code AccountErased} for the other services, and
 * {@code AccountAccessRevoked}, which ends the user's open calls at once (and mints them no relay credential).
 */
@ApplicationScoped
public class AccountErasure {

    /** The tombstones; also an outbox owner (OutboxRelay). */
    public static final String TOMBSTONES = "erased_accounts";

    private final MongoDatabase database;
    private final AccountService accounts;
    private final BookingService booking;
    private final OutboxRelay relay;
    private final Event<AccountErased> erasedHere;
    private final AuditLog auditLog;
    private final GroupSessions groups;
    private final AccessRevocations revocations;

    AccountErasure(MongoDatabase database, AccountService accounts, BookingService booking, OutboxRelay relay,
            Event<AccountErased> erasedHere, AuditLog auditLog, GroupSessions groups, AccessRevocations revocations) {
        this.groups = groups;
        this.revocations = revocations;
        this.auditLog = auditLog;
        this.database = database;
        this.accounts = accounts;
        this.booking = booking;
        this.relay = relay;
        this.erasedHere = erasedHere;
    }

    /** What one erasure changed. */
    public record Outcome(int sessionsCancelled, int groupSeatsReleased, long sessionsAnonymised, long paymentsAnonymised,
            long auditRecordsRedacted) {
    }

    public boolean isErased(String userId) {
        return userId != null && ObjectId.isValid(userId)
                && tombstones().find(Filters.eq("_id", new ObjectId(userId))).limit(1).first() != null;
    }

    /**
     * Refuses (409) what {@link ErasureRules#refusal} refuses, else erases; audited either way with
     * {@code why}. {@code by}: self or admin.
     */
    public Outcome erase(User user, String by, String why) {
        Outcome outcome;
        try {
            outcome = eraseNow(user, by);
        } catch (ProblemException refused) {
            auditLog.denied("account.erase", "user:" + user.idText(), null, refused.slug());
            throw refused;
        }
        auditLog.allowed("account.erase", "user:" + user.idText(), null, why + "; " + outcome.sessionsCancelled()
                + " upcoming session(s) cancelled, " + outcome.groupSeatsReleased() + " unpaid group seat(s) released, "
                + outcome.sessionsAnonymised() + " session(s) and "
                + outcome.paymentsAnonymised() + " payment(s) kept anonymised, " + outcome.auditRecordsRedacted()
                + " audit record(s) redacted");
        return outcome;
    }

    private Outcome eraseNow(User user, String by) {
        String id = user.idText();
        List<Session> upcoming = new ArrayList<>();
        Session.collection().find(Filters.and(participant(id), Filters.in("status", SessionStatus.CHANGEABLE),
                Filters.gt("sessionDate", Instant.now()))).forEach(upcoming::add);
        long otherAdmins = User.count("role = ?1 and _id != ?2", User.ADMIN, user.id);
        ProblemException refusal = ErasureRules.refusal(user.role, upcoming.size(), otherAdmins);
        if (refusal != null) {
            throw refusal;
        }
        // first nobody can act as them any more: sign-ins and mailed links end
        database.getCollection(RefreshTokens.COLLECTION).deleteMany(Filters.eq("userId", id));
        database.getCollection("account_tokens").deleteMany(Filters.eq("userId", id));
        // kept records lose the name and address before any cancellation event is written from them
        long sessions = anonymiseSessions(id);
        long payments = database.getCollection("payments")
                .updateMany(Filters.eq("clientId", id), Updates.unset("phoneEncrypted")).getModifiedCount();
        // unpaid group seats are freed as when the client gives them up; paid ones stay (anonymised)
        GroupSessions.Released seats = groups.releaseUnpaidSeatsOf(id);
        int cancelled = 0;
        for (Session session : upcoming) {
            try {
                booking.cancel(Session.collection().find(Filters.eq("_id", session.id)).first(), user.role);
                cancelled++;
            } catch (ProblemException changedMeanwhile) {
                // started, cancelled or paid meanwhile: what happened to it stands (it is anonymised all the same)
            }
        }
        String phone = accounts.phoneOf(user); // 2547XXXXXXXX; a text may hold it as typed, 07XXXXXXXX
        String localPhone = phone == null ? null : "0" + phone.substring(3);
        long audit = redactAudit(ErasureRules.anyOf(user.email, phone, localPhone));
        database.getCollection("photos").deleteOne(Filters.eq("_id", id));
        database.getCollection("client_actions").deleteMany(Filters.eq("userId", id));
        database.getCollection("account_requests").deleteMany(Filters.regex("key", "\\|" + Pattern.quote(id) + "$"));
        tombstone(user, by);
        User.deleteById(user.id);
        erasedHere.fire(new AccountErased(id, AccountService.emailKey(user.email)));
        relay.nudge();
        return new Outcome(cancelled, seats.released(), sessions, payments, audit);
    }

    private long anonymiseSessions(String id) {
        long changed = 0;
        for (String role : List.of(User.CLIENT, User.PSYCHOLOGIST)) {
            changed += Session.collection().updateMany(Filters.eq(role + ".userId", id),
                    Updates.combine(Updates.set(role + ".name", ErasureRules.anonymousName(role)),
                            Updates.unset(role + ".email"))).getModifiedCount();
        }
        // a client holds at most one seat per group: the positional operator names it
        changed += Session.collection().updateMany(Filters.eq("seats.client.userId", id),
                Updates.combine(Updates.set("seats.$.client.name", ErasureRules.anonymousName(User.CLIENT)),
                        Updates.unset("seats.$.client.email"))).getModifiedCount();
        // seats they gave up (a client may give up several in one group): one matched entry per pass
        Bson givenUpNamed = Filters.elemMatch("givenUpSeats",
                Filters.and(Filters.eq("client.userId", id), Filters.exists("client.email")));
        for (int pass = 0; pass < GroupSessions.MAX_CAPACITY * 4; pass++) {
            long named = Session.collection().updateMany(givenUpNamed,
                    Updates.combine(Updates.set("givenUpSeats.$.client.name", ErasureRules.anonymousName(User.CLIENT)),
                            Updates.unset("givenUpSeats.$.client.email"))).getModifiedCount();
            if (named == 0) {
                break;
            }
            changed += named;
        }
        return changed;
    }

    /** Audit records are kept (6 years); their texts lose the person's address and phone. */
    private long redactAudit(Pattern personal) {
        if (personal == null) {
            return 0;
        }
        MongoCollection<Document> audit = database.getCollection("audit_log");
        List<String> fields = List.of("actor", "resource", "reason");
        Bson mentions = Filters.or(fields.stream().map(f -> Filters.regex(f, personal)).toList());
        long redacted = 0;
        for (Document record : audit.find(mentions)) {
            List<Bson> changes = fields.stream().filter(f -> record.get(f) instanceof String)
                    .map(f -> Updates.set(f, ErasureRules.redact(record.getString(f), personal))).toList();
            redacted += audit.updateOne(Filters.eq("_id", record.get("_id")), Updates.combine(changes)).getModifiedCount();
        }
        return redacted;
    }

    private void tombstone(User user, String by) {
        AccountEvent event = AccountEvent.erased(user.idText(), user.role);
        OutboxEntry erased = AccountEvents.entry(event);
        OutboxEntry revoked = revocations.entryFor(user.idText(), user.role);
        tombstones().updateOne(Filters.eq("_id", user.id),
                Updates.combine(Updates.setOnInsert("role", user.role), Updates.setOnInsert("erasedAt", Instant.now()),
                        Updates.setOnInsert("erasedBy", by),
                        Updates.setOnInsert("outbox", List.of(document(revoked), document(erased)))),
                new UpdateOptions().upsert(true));
    }

    private static Document document(OutboxEntry entry) {
        return new Document("eventId", entry.eventId).append("topic", entry.topic).append("type", entry.type)
                .append("json", entry.json);
    }

    private MongoCollection<Document> tombstones() {
        return database.getCollection(TOMBSTONES);
    }

    private static Bson participant(String id) {
        return Filters.or(Filters.eq("client.userId", id), Filters.eq("psychologist.userId", id));
    }
}

package com.smilingsteps.session.retention;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.audit.AuditRecord;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.CallEventsFeed;

import io.quarkus.test.junit.QuarkusTest;

/** The plan's section 6.4: call metadata older than six months is cleared; newer stays. Audit records stay six years. */
@QuarkusTest
@ServiceTest
class RetentionTest {

    @Inject
    RetentionJob job;

    @Test
    void clearsCallMetadataOfCompletedSessionsOlderThanSixMonths() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String old = completedCall(client, psychologist, Instant.now().plusSeconds(600));
        String recent = completedCall(client, psychologist, Instant.now().plusSeconds(600 + 7200));
        Instant now = Instant.now();
        endedAt(old, now.atZone(ZoneOffset.UTC).minusMonths(6).minusDays(1).toInstant());
        endedAt(recent, now.atZone(ZoneOffset.UTC).minusMonths(5).toInstant());

        long cleared = job.run(now);

        assertTrue(cleared >= 1);
        Api.as(client).get("/api/sessions/" + old).then().statusCode(200)
                .body("meetingLink", nullValue()).body("videoCallStarted", nullValue()).body("videoCallEnded", nullValue())
                .body("status", is("Completed")).body("callDuration", notNullValue());
        Api.as(client).get("/api/sessions/" + recent).then().statusCode(200)
                .body("meetingLink", notNullValue()).body("videoCallStarted", notNullValue())
                .body("videoCallEnded", notNullValue());
        Api.as(Api.admin()).queryParam("action", "retention.call-metadata").get("/api/admin/audit").then()
                .statusCode(200).body("items[0].actor", is("system")).body("items[0].details.cleared", notNullValue());
    }

    @Test
    void keepsAuditRecordsSixYearsAndDeletesOlderOnes() {
        Instant now = Instant.now();
        AuditRecord older = auditRecordAt(now.atZone(ZoneOffset.UTC).minusYears(6).minusDays(1).toInstant());
        AuditRecord kept = auditRecordAt(now.atZone(ZoneOffset.UTC).minusYears(6).plusDays(1).toInstant());

        assertTrue(job.deleteOldAuditRecords(now) >= 1);

        assertNull(AuditRecord.findById(older.id));
        assertNotNull(AuditRecord.findById(kept.id));
        Api.as(Api.admin()).queryParam("action", "retention.audit-log").get("/api/admin/audit").then()
                .statusCode(200).body("items[0].details.years", is(6));
    }

    private static AuditRecord auditRecordAt(Instant occurredAt) {
        AuditRecord record = new AuditRecord();
        record.id = UUID.randomUUID().toString();
        record.occurredAt = occurredAt;
        record.service = "signaling-service";
        record.actor = "anonymous";
        record.role = "";
        record.action = "signaling.join";
        record.resource = "room:unknown";
        record.outcome = "denied";
        record.reason = "retention test";
        record.persist();
        return record;
    }

    @Test
    void clearsWhoAttendedOfOldNoShowSessionsToo() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist, Instant.now().plusSeconds(600 + 4 * 3600));
        Api.moveSessionDate(id, Instant.now().plusSeconds(60));
        Api.as(client).post("/api/video-calls/generate-room/" + id).then().statusCode(200);
        CallEventsFeed.joined(id, client, "client", "peer-c", Instant.now());
        Instant now = Instant.now();
        Session.collection().updateOne(Filters.eq("_id", new ObjectId(id)), Updates.combine(Updates.set("status", "NoShow"),
                Updates.set("sessionDate", now.atZone(ZoneOffset.UTC).minusMonths(6).minusDays(1).toInstant())));

        job.run(now);

        Session cleared = Session.findById(new ObjectId(id));
        assertNull(cleared.attendance);
        assertNull(cleared.meetingLink);
        assertEquals("NoShow", cleared.status);
    }

    private static String completedCall(Api.Account client, Api.Account psychologist, Instant bookedFor) {
        String id = Api.paidSessionStartingSoon(client, psychologist, bookedFor);
        Api.moveSessionDate(id, Instant.now().plusSeconds(60));
        Api.as(client).post("/api/video-calls/generate-room/" + id).then().statusCode(200);
        Api.as(client).post("/api/video-calls/start/" + id).then().statusCode(200);
        Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(200);
        return id;
    }

    private static void endedAt(String id, Instant when) {
        Session.collection().updateOne(Filters.eq("_id", new ObjectId(id)),
                Updates.combine(Updates.set("videoCallEnded", when), Updates.set("videoCallStarted", when.minusSeconds(2700))));
    }
}

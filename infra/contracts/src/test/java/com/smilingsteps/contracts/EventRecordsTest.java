package com.smilingsteps.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The records serialise to JSON the schemas accept, read back equal, and name the schemas' event types. */
class EventRecordsTest {

    private static final SessionEvent.Party CLIENT = new SessionEvent.Party("c1", "Amina Wanjiru", "amina@example.test");
    private static final SessionEvent.Party PSYCHOLOGIST = new SessionEvent.Party("p1", "Dr Otieno", "otieno@example.test");
    private static final Instant DATE = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void everySessionEventTypeFollowsTheContractAndReadsBack() throws Exception {
        Instant start = DATE.plusSeconds(90);
        List<SessionEvent> events = List.of(
                session(SessionEvent.BOOKED, "Pending", null, null, null, null, null),
                session(SessionEvent.CONFIRMED, "Confirmed", null, null, null, null, null),
                session(SessionEvent.RESCHEDULED, "Confirmed", DATE.minusSeconds(3600), null, null, null, null),
                session(SessionEvent.CANCELLED, "Cancelled", null, "psychologist", null, null, null),
                session(SessionEvent.CALL_STARTED, "In Progress", null, null, start, null, null),
                session(SessionEvent.CALL_ENDED, "Completed", null, null, start, start.plusSeconds(2700), 45),
                lifecycle(SessionEvent.CALL_ENDED, "Completed", start, SessionEvent.ENDED_BY_SYSTEM, null),
                lifecycle(SessionEvent.MISSED, "Missed", null, null, null),
                lifecycle(SessionEvent.NO_SHOW, "NoShow", null, null, "client"));
        for (SessionEvent event : events) {
            String json = EventJson.write(event);
            assertValid(Topics.SESSION_EVENTS, json);
            assertEquals(event, EventJson.read(json, SessionEvent.class));
        }
    }

    @Test
    void aConfirmationCarriesEachPartysJoinLinkWhichNoToStringShows() throws Exception {
        String token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdE";
        SessionEvent.JoinLink link = new SessionEvent.JoinLink(token, DATE.minusSeconds(900), DATE.plusSeconds(7200));
        SessionEvent.Party client = new SessionEvent.Party("c1", "Amina Wanjiru", "amina@example.test", link);
        SessionEvent event = SessionEvent.of(SessionEvent.CONFIRMED, "s1", new SessionEvent.Payload(DATE, "individual",
                "Confirmed", client, PSYCHOLOGIST, null, null, null, null, null, null, null, null));
        String json = EventJson.write(event);
        assertValid(Topics.SESSION_EVENTS, json);
        assertEquals(event, EventJson.read(json, SessionEvent.class));
        assertFalse(event.toString().contains(token), event.toString());
        assertFalse(event.toString().contains("amina@example.test"), "nor an address");

        String badToken = json.replace(token, "not a token!");
        assertFalse(ContractSchemas.errors(Topics.SESSION_EVENTS, EventJson.tree(badToken)).isEmpty());
    }

    @Test
    void aGroupsCallEndedListsItsAbsentClientsByIdAndAnOlderOneWithoutThemStillReads() throws Exception {
        SessionEvent.Party ben = new SessionEvent.Party("c2", "Ben Mwangi", "ben@example.test");
        Instant start = DATE.plusSeconds(60);
        SessionEvent ended = SessionEvent.of(SessionEvent.CALL_ENDED, "g1", new SessionEvent.Payload(DATE, "group",
                "Completed", null, PSYCHOLOGIST, null, null, start, start.plusSeconds(3000), 50, null, null, null,
                "psychologist", null, List.of(CLIENT, ben), "Exam stress", 3, List.of("c2")));
        String json = EventJson.write(ended);
        assertValid(Topics.SESSION_EVENTS, json);
        SessionEvent read = EventJson.read(json, SessionEvent.class);
        assertEquals(ended, read);
        assertTrue(read.payload().absent("c2"));
        assertFalse(read.payload().absent("c1"));

        String older = json.replace(",\"absentClients\":[\"c2\"]", "");
        assertFalse(older.contains("absentClients"), older);
        assertValid(Topics.SESSION_EVENTS, older);
        assertFalse(EventJson.read(older, SessionEvent.class).payload().absent("c2"));
        // an absent client is named by id only
        assertFalse(ContractSchemas.errors(Topics.SESSION_EVENTS,
                EventJson.tree(json.replace("[\"c2\"]", "[{\"id\":\"c2\",\"name\":\"Ben Mwangi\"}]"))).isEmpty());
    }

    @Test
    void aSessionEventMissingATypesFieldBreaksTheContract() throws Exception {
        String json = EventJson.write(session(SessionEvent.CALL_ENDED, "Completed", null, null, DATE, null, null));
        assertFalse(ContractSchemas.errors(Topics.SESSION_EVENTS, EventJson.tree(json)).isEmpty());
    }

    @Test
    void aNoShowNamesWhoDidNotJoinAndCarriesItsOwnStatus() throws Exception {
        String withoutParty = EventJson.write(lifecycle(SessionEvent.NO_SHOW, "NoShow", null, null, null));
        assertFalse(ContractSchemas.errors(Topics.SESSION_EVENTS, EventJson.tree(withoutParty)).isEmpty());
        String wrongStatus = EventJson.write(lifecycle(SessionEvent.MISSED, "Completed", null, null, null));
        assertFalse(ContractSchemas.errors(Topics.SESSION_EVENTS, EventJson.tree(wrongStatus)).isEmpty());
        String unknownParty = EventJson.write(lifecycle(SessionEvent.NO_SHOW, "NoShow", null, null, "admin"));
        assertFalse(ContractSchemas.errors(Topics.SESSION_EVENTS, EventJson.tree(unknownParty)).isEmpty());
    }

    @Test
    void callEventsFollowTheContract() throws Exception {
        for (CallEvent event : List.of(
                CallEvent.of(CallEvent.PARTICIPANT_JOINED, "s1", new CallEvent.Payload("s1", "peer-1", "u1", "client", "i1", null)),
                CallEvent.of(CallEvent.PARTICIPANT_LEFT, "s1",
                        new CallEvent.Payload("s1", "peer-1", "u1", "psychologist", "i1", "disconnected")))) {
            String json = EventJson.write(event);
            assertValid(Topics.CALL_EVENTS, json);
            assertEquals(event, EventJson.read(json, CallEvent.class));
        }
    }

    @Test
    void signalingInstanceEventsFollowTheContractAndCarryTheRunsStart() throws Exception {
        for (String type : SignalingInstanceEvent.TYPES) {
            SignalingInstanceEvent event = SignalingInstanceEvent.of(type, "signaling-a", DATE);
            String json = EventJson.write(event);
            assertValid(Topics.SIGNALING_INSTANCES, json);
            assertEquals(event, EventJson.read(json, SignalingInstanceEvent.class));
            String withoutStart = json.replace(",\"payload\":{\"startedAt\":\"2026-03-02T09:00:00Z\"}", ",\"payload\":{}");
            assertFalse(withoutStart.equals(json), withoutStart);
            assertFalse(ContractSchemas.errors(Topics.SIGNALING_INSTANCES, EventJson.tree(withoutStart)).isEmpty());
        }
    }

    @Test
    void auditEventsFollowTheContractWithAndWithoutSessionAndDetails() throws Exception {
        for (AuditEvent event : List.of(
                AuditEvent.of(null, new AuditEvent.Payload("turn-credentials-service", AuditEvent.ANONYMOUS,
                        AuditEvent.NO_ROLE, "turn.credentials", "/api/video-calls/config", AuditEvent.DENIED,
                        "no access token", null, null)),
                AuditEvent.of("s1", new AuditEvent.Payload("signaling-service", "u1", "client", "signaling.join",
                        "room:s1", AuditEvent.ALLOWED, "participant", "198.51.100.7", Map.of("repeated", 3))))) {
            String json = EventJson.write(event);
            assertValid(Topics.AUDIT_EVENTS, json);
            assertEquals(event, EventJson.read(json, AuditEvent.class));
        }
    }

    @Test
    void aBatchOfCountedDecisionsFollowsTheContractAndReadsBack() throws Exception {
        AuditBatch batch = AuditBatch.of("turn-credentials-service", List.of(
                new AuditBatch.Entry(null, "u1", "client", "turn.credentials", "/api/video-calls/config", AuditEvent.ALLOWED,
                        "participant of a session open now", "198.51.100.7", 3, DATE, DATE.plusMillis(1500),
                        Map.of("ttlSeconds", 7200)),
                new AuditBatch.Entry("s1", "u2", "psychologist", "turn.credentials", "/api/video-calls/config",
                        AuditEvent.ALLOWED, "participant of a session open now", null, 1, DATE, DATE, null)));
        String json = EventJson.write(batch);
        assertValid(Topics.AUDIT_EVENTS, json);
        assertEquals(batch, EventJson.read(json, AuditBatch.class));
        assertEquals("turn-credentials-service", batch.key());

        for (String broken : List.of(json.replace("\"count\":3", "\"count\":0"),
                json.replace("\"decisions\":[", "\"decisions\":[{\"actor\":\"u3\"},"),
                json.replace("\"service\":\"turn-credentials-service\",", ""),
                json.replace("\"firstSeen\":\"2026-03-02T09:00:00Z\",\"lastSeen\":\"2026-03-02T09:00:01.500Z\"",
                        "\"lastSeen\":\"2026-03-02T09:00:01.500Z\""),
                // a batch's fields on a single decision, or a decision's payload in a batch
                json.replace(AuditBatch.TYPE, AuditEvent.ACCESS_DECISION))) {
            assertFalse(broken.equals(json), broken);
            assertFalse(ContractSchemas.errors(Topics.AUDIT_EVENTS, EventJson.tree(broken)).isEmpty(), broken);
        }
        String empty = EventJson.write(AuditBatch.of("turn-credentials-service", List.of()));
        assertFalse(ContractSchemas.errors(Topics.AUDIT_EVENTS, EventJson.tree(empty)).isEmpty(), "an empty batch");
    }

    @Test
    void accountEventsFollowTheContractAndOnlyLinksCarryAToken() throws Exception {
        String token = "q5pV0o7jH3b1wQ9z_x-2Lr8Kc4Yt6Ue0Na1Mf3Gh5Jk";
        Instant expires = DATE.plusSeconds(1800);
        for (String type : List.of(AccountEvent.VERIFICATION_REQUESTED, AccountEvent.PASSWORD_RESET_REQUESTED,
                AccountEvent.INVITED)) {
            AccountEvent event = AccountEvent.of(type, "u1", new AccountEvent.Payload("Amina", "amina@example.test",
                    "client", token, expires));
            String json = EventJson.write(event);
            assertValid(Topics.ACCOUNT_EVENTS, json);
            assertEquals(event, EventJson.read(json, AccountEvent.class));
            assertFalse(event.toString().contains(token), "the token stays out of toString");
            String withoutToken = EventJson.write(AccountEvent.of(type, "u1",
                    new AccountEvent.Payload("Amina", "amina@example.test", "client", null, null)));
            assertFalse(ContractSchemas.errors(Topics.ACCOUNT_EVENTS, EventJson.tree(withoutToken)).isEmpty(), type);
        }
        AccountEvent note = AccountEvent.of(AccountEvent.REGISTRATION_ATTEMPTED, "u1",
                new AccountEvent.Payload("Amina", "amina@example.test", "client", null, null));
        assertValid(Topics.ACCOUNT_EVENTS, EventJson.write(note));
        String noteWithToken = EventJson.write(AccountEvent.of(AccountEvent.REGISTRATION_ATTEMPTED, "u1",
                new AccountEvent.Payload("Amina", "amina@example.test", "client", token, expires)));
        assertFalse(ContractSchemas.errors(Topics.ACCOUNT_EVENTS, EventJson.tree(noteWithToken)).isEmpty());
    }

    @Test
    void anErasureCarriesTheIdAndRoleButNoNameOrAddress() throws Exception {
        AccountEvent erased = AccountEvent.erased("u1", "client");
        String json = EventJson.write(erased);
        assertValid(Topics.ACCOUNT_EVENTS, json);
        assertEquals(erased, EventJson.read(json, AccountEvent.class));
        assertFalse(erased.mailsSomeone());
        assertFalse(erased.carriesLink());
        String withAddress = EventJson.write(AccountEvent.of(AccountEvent.ERASED, "u1",
                new AccountEvent.Payload(null, "amina@example.test", "client", null, null)));
        assertFalse(ContractSchemas.errors(Topics.ACCOUNT_EVENTS, EventJson.tree(withAddress)).isEmpty(),
                "an erasure event that names the address is refused");
        String withName = EventJson.write(AccountEvent.of(AccountEvent.ERASED, "u1",
                new AccountEvent.Payload("Amina", null, "client", null, null)));
        assertFalse(ContractSchemas.errors(Topics.ACCOUNT_EVENTS, EventJson.tree(withName)).isEmpty());
        String mailWithoutAddress = EventJson.write(AccountEvent.of(AccountEvent.PASSWORD_RESET_REQUESTED, "u1",
                new AccountEvent.Payload("Amina", null, "client", "q5pV0o7jH3b1wQ9z_x-2Lr8Kc4Yt6Ue0Na1Mf3Gh5Jk",
                        DATE.plusSeconds(60))));
        assertFalse(ContractSchemas.errors(Topics.ACCOUNT_EVENTS, EventJson.tree(mailWithoutAddress)).isEmpty(),
                "an email event still needs its address");
    }

    @Test
    void anAccessRevocationCarriesTheRoleAndWhenItsTokensHaveAllExpired() throws Exception {
        AccountEvent revoked = AccountEvent.accessRevoked("u1", "psychologist", DATE.plusSeconds(900));
        String json = EventJson.write(revoked);
        assertValid(Topics.ACCOUNT_EVENTS, json);
        assertEquals(revoked, EventJson.read(json, AccountEvent.class));
        assertTrue(revoked.revokesAccess());
        assertFalse(revoked.mailsSomeone());
        assertFalse(revoked.carriesLink());
        assertFalse(AccountEvent.erased("u1", "client").revokesAccess());
        String withoutEnd = EventJson.write(AccountEvent.of(AccountEvent.ACCESS_REVOKED, "u1",
                new AccountEvent.Payload(null, null, "client", null, null)));
        assertFalse(ContractSchemas.errors(Topics.ACCOUNT_EVENTS, EventJson.tree(withoutEnd)).isEmpty(),
                "a revocation must say until when");
        String withAddress = EventJson.write(AccountEvent.of(AccountEvent.ACCESS_REVOKED, "u1",
                new AccountEvent.Payload(null, "amina@example.test", "client", null, DATE)));
        assertFalse(ContractSchemas.errors(Topics.ACCOUNT_EVENTS, EventJson.tree(withAddress)).isEmpty(),
                "a revocation names no address");
    }

    @Test
    void eventTypeNamesAreTheSchemasOwn() throws Exception {
        assertEquals(enumOf(Topics.ACCOUNT_EVENTS, "/properties/type/enum"), new TreeSet<>(AccountEvent.TYPES));
        assertEquals(enumOf(Topics.SESSION_EVENTS, "/properties/type/enum"), new TreeSet<>(SessionEvent.TYPES));
        assertEquals(enumOf(Topics.CALL_EVENTS, "/properties/type/enum"),
                new TreeSet<>(List.of(CallEvent.PARTICIPANT_JOINED, CallEvent.PARTICIPANT_LEFT)));
        assertEquals(enumOf(Topics.SIGNALING_INSTANCES, "/properties/type/enum"), new TreeSet<>(SignalingInstanceEvent.TYPES));
        JsonNode audit = ContractSchemas.document(Topics.AUDIT_EVENTS);
        assertEquals(AuditEvent.ACCESS_DECISION, audit.at("/$defs/accessDecision/properties/type/const").asText());
        assertEquals(AuditBatch.TYPE, audit.at("/$defs/accessDecisionBatch/properties/type/const").asText());
        assertEquals(AuditBatch.TYPE, audit.at("/if/properties/type/const").asText());
        assertEquals(enumOf(Topics.AUDIT_EVENTS, "/$defs/accessDecision/properties/payload/properties/outcome/enum"),
                new TreeSet<>(List.of(AuditEvent.ALLOWED, AuditEvent.DENIED)));
        assertEquals(enumOf(Topics.AUDIT_EVENTS, "/$defs/accessDecisionBatch/properties/decisions/items/properties/outcome/enum"),
                new TreeSet<>(List.of(AuditEvent.ALLOWED, AuditEvent.DENIED)));
    }

    private static void assertValid(String topic, String json) throws Exception {
        List<String> errors = ContractSchemas.errors(topic, EventJson.tree(json));
        assertTrue(errors.isEmpty(), () -> topic + " event violates its contract: " + errors + "\n" + json);
    }

    private static Set<String> enumOf(String topic, String pointer) throws Exception {
        JsonNode schema = ContractSchemas.document(topic);
        List<String> values = new ArrayList<>();
        schema.at(pointer).forEach(node -> values.add(node.asText()));
        return new TreeSet<>(values);
    }

    private static SessionEvent session(String type, String status, Instant previous, String cancelledBy,
            Instant startedAt, Instant endedAt, Integer minutes) {
        return SessionEvent.of(type, "s1", new SessionEvent.Payload(DATE, "individual", status, CLIENT, PSYCHOLOGIST,
                previous, cancelledBy, startedAt, endedAt, minutes, null, null, null));
    }

    private static SessionEvent lifecycle(String type, String status, Instant startedAt, String endedBy, String noShowBy) {
        return SessionEvent.of(type, "s1", new SessionEvent.Payload(DATE, "individual", status, CLIENT, PSYCHOLOGIST,
                null, null, startedAt, startedAt == null ? null : startedAt.plusSeconds(600), startedAt == null ? null : 10,
                null, null, null, endedBy, noShowBy));
    }
}

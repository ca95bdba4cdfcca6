package com.smilingsteps.session.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Issue 12 item 11: an anonymous flood of wrong-secret M-Pesa callbacks from one address writes
 * two audit records per aggregation window (the first, then one with the count and first/last
 * seen), not one per request.
 */
@QuarkusTest
@ServiceTest
@TestProfile(DenialAggregationTest.AggregatedDenials.class)
class DenialAggregationTest {

    /** Production's aggregation, with a short window so the test sees it close. */
    public static class AggregatedDenials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("audit.aggregate-denials-within", "5s", "audit.aggregate-flush-interval", "500ms");
        }
    }

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final int FLOOD = 60;

    /** Its own address each run: the embedded MongoDB outlives a test run. */
    private final String attacker = "2001:db8::" + Integer.toHexString((int) (Math.random() * 0xffff));

    private List<AuditRecord> wrongSecretRecords() {
        return AuditRecord.<AuditRecord>list("action = ?1 and clientIp = ?2", "payment.callback", attacker);
    }

    /** A window's first denial is a record of its own; the record that closes it counts the repeats. */
    private static long denialsIn(List<AuditRecord> records) {
        return records.stream()
                .mapToLong(r -> r.details == null ? 1 : ((Number) r.details.get("repeated")).longValue()).sum();
    }

    @Test
    void aFloodOfWrongCallbackSecretsBecomesAFewRecordsWithCounts() throws Exception {
        long started = System.nanoTime();
        Instant start = Instant.now();
        for (int i = 0; i < FLOOD; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", attacker).body("{}")
                    .post("/api/payments/mpesa/callback/guessed").then().statusCode(404);
        }
        long windows = 1 + (System.nanoTime() - started) / WINDOW.toNanos();

        // every denial is accounted for once the open windows close ...
        long deadline = System.nanoTime() + WINDOW.plusSeconds(10).toNanos();
        while (denialsIn(wrongSecretRecords()) < FLOOD && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<AuditRecord> records = wrongSecretRecords();
        assertEquals(FLOOD, denialsIn(records), () -> "first records plus counts cover every attempt: "
                + records.stream().map(r -> r.occurredAt + " " + r.details).toList());
        // ... in at most two records per window (its first, then its count) instead of one per attempt
        assertTrue(records.size() <= 2 * windows, records.size() + " records for " + windows + " windows");
        AuditRecord count = records.stream().filter(r -> r.details != null).findFirst().orElseThrow();
        Instant first = Instant.parse(count.details.getString("firstSeen"));
        Instant last = Instant.parse(count.details.getString("lastSeen"));
        assertTrue(!first.isBefore(start.minusSeconds(1)) && last.isAfter(first), first + " .. " + last);
        assertEquals("anonymous", count.actor);
        assertEquals("wrong callback secret", count.reason);
        assertNotNull(count.occurredAt);
    }
}

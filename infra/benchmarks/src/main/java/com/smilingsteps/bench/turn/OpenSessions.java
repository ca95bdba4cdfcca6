package com.smilingsteps.bench.turn;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SessionEvent;

/**
 * TURN credentials are minted only for a participant of a session whose join window is open, learned
 * from {@code session-events}: the benchmark's users get such sessions the way session-service
 * would announce them (client {@code bench-user-2k} with psychologist {@code bench-user-2k+1}).
 */
final class OpenSessions {

    private OpenSessions() {
    }

    static void publishFor(String bootstrapServers, int users) {
        Instant start = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers,
                "acks", "all", "linger.ms", 20), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i + 1 < users; i += 2) {
                String sessionId = "bench-session-" + i;
                SessionEvent event = SessionEvent.of(SessionEvent.CONFIRMED, sessionId, new SessionEvent.Payload(start,
                        "individual", "Confirmed", party("bench-user-" + i), party("bench-user-" + (i + 1)),
                        null, null, null, null, null, null, null, null));
                producer.send(new ProducerRecord<>("session-events", sessionId, EventJson.write(event)));
            }
            producer.flush();
        }
    }

    /** Waits until {@code token}'s user (of the last session published) is given credentials. */
    static void awaitApplied(String baseUrl, String path, String token) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
                        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException e) {
                status = -1;
            }
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not learn the benchmark's sessions within 60 s (last answer "
                + status + ")");
    }

    private static SessionEvent.Party party(String userId) {
        return new SessionEvent.Party(userId, "Bench User", userId + "@bench.smilingsteps.test");
    }
}

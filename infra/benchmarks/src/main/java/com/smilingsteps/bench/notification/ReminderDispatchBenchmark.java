package com.smilingsteps.bench.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;

/**
 * How long N due reminders take to reach SMTP with 1 and with 2 notification-service replicas.
 *
 * <p>Starts the embedded Kafka, MongoDB-wire server and GreenMail, then for each replica count
 * starts that many packaged notification-service processes (their scheduler every second), waits
 * until they are ready, writes N reminder jobs that are already due straight into their
 * {@code email_jobs} collection, and times from the first write until GreenMail has received all N. It also checks
 * that every reminder arrived exactly once.
 *
 * <p>Args: {@code [reminders=10000] [path to notification-service/target/quarkus-app/quarkus-run.jar]}.
 * Build the service first: {@code ./mvnw -q -DskipTests package -pl notification-service}.
 */
public final class ReminderDispatchBenchmark {

    private static final String DATABASE = "notifications";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);

    private ReminderDispatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reminders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path runner = Path.of(args.length > 1 ? args[1] : "notification-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(runner)) {
            throw new IllegalStateException(runner + " not found: build it with ./mvnw -q -DskipTests package -pl notification-service");
        }
        System.out.printf("notification reminder dispatch: %d due reminders to SMTP (GreenMail)%n", reminders);
        try (MongoClient mongo = MongoClients.create(SharedServers.mongo().connectionString())) {
            MongoDatabase db = mongo.getDatabase(DATABASE);
            List<String> lines = new ArrayList<>();
            for (int replicas : new int[] {1, 2}) {
                lines.add(run(runner, db, replicas, reminders));
            }
            System.out.println();
            lines.forEach(System.out::println);
        }
        System.exit(0);
    }

    private static String run(Path runner, MongoDatabase db, int replicas, int reminders) throws Exception {
        db.getCollection("email_jobs").drop();
        db.getCollection("deliveries").drop();
        SharedServers.smtp().purge();
        List<Process> processes = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                int port = FreePorts.next();
                ports.add(port);
                processes.add(start(runner, port, i));
            }
            for (int port : ports) {
                awaitReady(port);
            }
            long begin = System.nanoTime();
            insertDueReminders(db.getCollection("email_jobs"), reminders, Instant.now());
            boolean all = SharedServers.smtp().waitForMessages(reminders, DELIVERY_TIMEOUT.toMillis());
            double seconds = (System.nanoTime() - begin) / 1e9;
            // Delivery records are written just after SMTP accepts; late duplicates would arrive now.
            Thread.sleep(3000);
            int received = SharedServers.smtp().receivedMessages().length;
            Map<String, Long> sentBy = sentBy(db.getCollection("deliveries"));
            String line = String.format("%d replica(s): %d of %d reminders at SMTP in %.1f s (%.0f/s)%s; sent by %s; duplicates: %d",
                    replicas, Math.min(received, reminders), reminders, seconds, reminders / seconds,
                    all ? "" : " (TIMED OUT)", sentBy.values(), Math.max(0, received - reminders));
            System.out.println(line);
            return line;
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                p.waitFor();
            }
        }
    }

    private static Process start(Path runner, int port, int index) throws IOException {
        Path log = Files.createTempFile("notification-bench-" + index + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-jar", runner.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_PROFILE", "devstack");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedServers.kafka().bootstrapServers());
        env.put("MONGODB_URI", SharedServers.mongo().connectionString());
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(SharedServers.smtp().smtpPort()));
        env.put("JWT_VERIFY_KEYS", TestJwt.jwksFile().toUri().toString());
        env.put("APP_PUBLIC_URL", "http://localhost:8080");
        env.put("NOTIFICATION_DISPATCH_EVERY", "1s");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        System.out.printf("  replica %d on port %d, log %s%n", index + 1, port, log);
        return builder.start();
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("notification-service on port " + port + " not ready");
    }

    /** The documents EmailJobStore writes for a reminder, due a minute ago for a session in 10 minutes. */
    public static void insertDueReminders(MongoCollection<Document> jobs, int count, Instant now) {
        Date due = Date.from(now.minusSeconds(60));
        Date session = Date.from(now.plusSeconds(600));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sessionId = "bench-" + i;
            batch.add(new Document("_id", "reminder:" + sessionId + ":client:" + session.toInstant().getEpochSecond())
                    .append("kind", "REMINDER").append("sessionId", sessionId).append("eventId", null)
                    .append("recipient", new Document("role", "client").append("id", "u-" + i)
                            .append("name", "Client " + i).append("email", "client-" + i + "@bench.example.test"))
                    .append("otherPartyName", "Dr. Bench").append("sessionDate", session)
                    .append("previousSessionDate", null).append("cancelledBy", null).append("durationMinutes", null)
                    .append("dueAt", due).append("attempts", 0).append("status", "PENDING").append("leaseOwner", null)
                    .append("leaseUntil", new Date(0)).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now)));
            if (batch.size() == 1000) {
                jobs.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            jobs.insertMany(batch);
        }
    }

    private static Map<String, Long> sentBy(MongoCollection<Document> deliveries) {
        Map<String, Long> counts = new HashMap<>();
        deliveries.find().forEach(d -> counts.merge(d.getString("sentBy"), 1L, Long::sum));
        return counts;
    }
}

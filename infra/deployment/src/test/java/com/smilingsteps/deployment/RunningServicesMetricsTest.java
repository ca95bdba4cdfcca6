package com.smilingsteps.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.smilingsteps.infra.embedded.EmbeddedKafka;
import com.smilingsteps.infra.embedded.EmbeddedMongo;
import com.smilingsteps.infra.embedded.EmbeddedSmtp;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.TestJwt;

/**
 * The dashboard's and alert rules' metrics as running services expose them on /q/metrics: the five
 * packaged services are started in the production profile with the environment docker-compose.yml
 * gives them (.env.example as .env; addresses point at the embedded Kafka, MongoDB-wire and SMTP
 * servers; session-service signs with a mounted PKCS#8 key and verifies against its own JWKS), and
 * driven through their APIs until the lazily registered meters exist: a refused request, TURN
 * credentials, an open WebSocket, a video call started, reported and ended, reminders sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunningServicesMetricsTest {

    private static final Duration BOOT = Duration.ofSeconds(150);
    private static final String ADMIN_EMAIL = "admin@deploy-check.test";
    private static final String ADMIN_PASSWORD = "deploy-check-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> EXPOSED = new ConcurrentHashMap<>();

    private static EmbeddedKafka kafka;
    private static EmbeddedMongo mongo;
    private static EmbeddedSmtp smtp;
    private static final Map<String, PackagedService> running = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.startTemporary();
        mongo = EmbeddedMongo.inMemory();
        smtp = EmbeddedSmtp.onFreePorts();
        // Each service gets what docker-compose.yml gives it with .env.example as .env (empty optional
        // values included); only addresses and the secrets .env.example leaves empty are replaced.
        String testJwks = TestJwt.jwksFile().toUri().toString();
        Map<String, Map<String, String>> environments = new HashMap<>();
        for (String service : Repo.SERVICES) {
            Map<String, String> env = new HashMap<>(ComposeEnvironment.of(service));
            env.computeIfPresent("KAFKA_BOOTSTRAP_SERVERS", (k, v) -> kafka.bootstrapServers());
            env.computeIfPresent("MONGODB_URI", (k, v) -> mongo.connectionString());
            env.computeIfPresent("APP_PUBLIC_URL", (k, v) -> "https://video.example.test");
            // tokens in this test come from TestJwt (session-service's own are checked against its JWKS below)
            env.put("JWT_VERIFY_KEYS", testJwks);
            environments.put(service, env);
        }
        Map<String, String> turn = environments.get("turn-credentials-service");
        turn.put("TURN_SECRET", "deployment-check-secret");
        // nothing listens there: the probe reports the server down, which is what turn_server_up is for
        turn.put("TURN_URLS", "turn:127.0.0.1:" + FreePorts.next() + "?transport=udp");
        turn.put("TURN_RATE_LIMIT_REQUESTS", "2");
        Map<String, String> notification = environments.get("notification-service");
        notification.put("SMTP_HOST", "127.0.0.1");
        notification.put("SMTP_PORT", String.valueOf(smtp.smtpPort()));
        notification.put("NOTIFICATION_DISPATCH_EVERY", "1s");
        Map<String, String> session = environments.get("session-service");
        session.put("JWT_VERIFY_KEYS", "http://127.0.0.1:{port}/api/auth/jwks");
        session.put("JWT_SIGNING_KEY_FILE", signingKeyFile().toString());
        session.put("PII_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(randomBytes(32)));
        session.put("MPESA_CALLBACK_SECRET", "deployment-check-callback");
        // Daraja is never called here: payments are confirmed by the admin
        session.put("MPESA_BASE_URL", "http://127.0.0.1:" + FreePorts.next());
        session.put("MPESA_CONSUMER_KEY", "key");
        session.put("MPESA_CONSUMER_SECRET", "secret");
        session.put("MPESA_SHORTCODE", "174379");
        session.put("MPESA_PASSKEY", "passkey");
        session.put("BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        session.put("BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);

        for (String service : Repo.SERVICES) {
            if (!service.equals("gateway")) {
                running.put(service, PackagedService.start(service, environments.get(service)));
            }
        }
        awaitLive(running.values());
        // the gateway last, routing to the instances just started
        Map<String, String> gateway = environments.get("gateway");
        gateway.put("SESSION_SERVICE_URL", "http://127.0.0.1:" + running.get("session-service").port);
        gateway.put("SIGNALING_SERVICE_URL", "http://127.0.0.1:" + running.get("signaling-service").port);
        gateway.put("TURN_SERVICE_URL", "http://127.0.0.1:" + running.get("turn-credentials-service").port);
        gateway.put("NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + running.get("notification-service").port);
        running.put("gateway", PackagedService.start("gateway", gateway));
        awaitLive(List.of(running.get("gateway")));
    }

    private static void awaitLive(java.util.Collection<PackagedService> services) throws Exception {
        ExecutorService waiting = Executors.newFixedThreadPool(services.size());
        try {
            List<Future<PackagedService>> live = new ArrayList<>();
            services.forEach(s -> live.add(waiting.submit(() -> s.awaitLive(BOOT))));
            for (Future<PackagedService> f : live) {
                f.get(BOOT.toSeconds() + 10, TimeUnit.SECONDS);
            }
        } finally {
            waiting.shutdownNow();
        }
    }

    /** A fresh RSA key as the PKCS#8 PEM file operators mount for session-service. */
    private static Path signingKeyFile() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path file = Files.createTempFile("signing-key-", ".pem");
        file.toFile().deleteOnExit();
        return Files.writeString(file, pem);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @AfterAll
    static void stop() {
        running.values().forEach(PackagedService::close);
        if (smtp != null) {
            smtp.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Set<String> scrape(String service) throws Exception {
        Set<String> names = Metrics.exposed(running.get(service).metrics());
        EXPOSED.computeIfAbsent(service, s -> new TreeSet<>()).addAll(names);
        return names;
    }

    /** Scrapes until every name is there (meters registered by a background thread appear a little later). */
    private static Set<String> scrapeUntil(String service, Duration timeout, String... names) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> exposed = scrape(service);
        while (!exposed.containsAll(List.of(names)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            exposed = scrape(service);
        }
        return exposed;
    }

    @Test
    @Order(1)
    void everyServiceAnswersTheProbePathsTheDeploymentsUse() throws Exception {
        for (PackagedService service : running.values()) {
            for (String path : List.of("/q/health/ready", "/q/health/live", "/q/health/started")) {
                int status = service.get(path, null).statusCode();
                assertTrue(status == 200 || status == 503, service.name + path + " answered " + status);
            }
        }
        int turnGroup = running.get("turn-credentials-service").get("/q/health/group/turn", null).statusCode();
        assertEquals(503, turnGroup, "the TURN health group reports the unreachable TURN server");
    }

    @Test
    @Order(2)
    void turnCredentialsServiceCountsIssuedAndRefusedCredentialsAndProbesTurn() throws Exception {
        PackagedService turn = running.get("turn-credentials-service");
        // Registered at 0 at start, before any mint or refusal: the alert rules' increase() counts the first one.
        String before = turn.metrics();
        for (String series : List.of("turn_credentials_issued_total role=\"client\"",
                "turn_credentials_issued_total role=\"psychologist\"", "turn_credentials_denied_total reason=\"no-open-session\"",
                "turn_credentials_denied_total reason=\"rate-limited\"")) {
            String name = series.substring(0, series.indexOf(' '));
            String tag = series.substring(series.indexOf(' ') + 1);
            assertTrue(before.lines().anyMatch(line -> line.startsWith(name + "{") && line.contains(tag)
                    && line.endsWith(" 0.0")), series + " at 0 before any request:\n" + before);
        }
        String token = TestJwt.accessToken("deploy-check-user", "client");
        // TURN credentials are only for a participant of a session open now, learnt from session-events.
        assertEquals(403, turn.get("/api/video-calls/config", token).statusCode(), "no session yet");
        // Started half an hour ago: its join window is open, and no reminder is due for it (too late).
        publishConfirmedSession("deploy-check-user", "deploy-check-psy", Instant.now().minus(30, ChronoUnit.MINUTES));
        awaitStatus(turn, "/api/video-calls/config", token, 200);
        assertEquals(200, turn.get("/api/video-calls/config", token).statusCode());
        assertEquals(429, turn.get("/api/video-calls/config", token).statusCode(), "TURN_RATE_LIMIT_REQUESTS=2");
        Set<String> exposed = scrapeUntil("turn-credentials-service", Duration.ofSeconds(10),
                "turn_credentials_issued_total", "turn_credentials_denied_total", "turn_server_up");
        assertTrue(exposed.containsAll(List.of("turn_credentials_issued_total", "turn_credentials_denied_total",
                "turn_server_up")), exposed.toString());
    }

    @Test
    @Order(3)
    void gatewayCountsTheRequestsItRefusesAndRoutesTheOthers() throws Exception {
        PackagedService gateway = running.get("gateway");
        assertEquals(401, gateway.get("/api/sessions", null).statusCode());
        // and routes an authenticated request to the upstream docker-compose.yml names for it
        publishConfirmedSession("deploy-check-gw", "deploy-check-gw-psy", Instant.now().minus(30, ChronoUnit.MINUTES));
        HttpResponse<String> config = awaitStatus(gateway, "/api/video-calls/config",
                TestJwt.accessToken("deploy-check-gw", "client"), 200);
        assertTrue(config.body().contains("iceServers"), config.body());
        assertTrue(scrape("gateway").contains("gateway_requests_refused_total"));
    }

    @Test
    @Order(4)
    void signalingServiceCountsOpenWebSockets() throws Exception {
        PackagedService signaling = running.get("signaling-service");
        String token = TestJwt.accessToken("deploy-check-socket", "client");
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + signaling.port + "/ws/signaling?access_token=" + token),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                closed.complete(null);
                                return null;
                            }
                        })
                .get(20, TimeUnit.SECONDS);
        try {
            Set<String> exposed = scrapeUntil("signaling-service", Duration.ofSeconds(20),
                    "http_server_websocket_connections_seconds_active_count");
            assertTrue(exposed.contains("http_server_websocket_connections_seconds_active_count"), exposed.toString());
            String open = signaling.metrics().lines()
                    .filter(l -> l.startsWith("http_server_websocket_connections_seconds_active_count")).findFirst().orElseThrow();
            assertNotEquals(0.0, Double.parseDouble(open.substring(open.lastIndexOf(' ') + 1)), open);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Test
    @Order(5)
    void notificationServiceCountsTheRemindersItSendsAndReportsItsKafkaLag() throws Exception {
        // The session starts in 10 minutes, so both 15-minute reminders are due at once.
        publishConfirmedSession("c1", "p1", Instant.now().plus(10, ChronoUnit.MINUTES));
        // booking confirmation and reminder, each to client and psychologist
        assertTrue(smtp.waitForMessages(4, 60_000), "four emails: " + smtp.receivedMessages().length
                + "\n" + running.get("notification-service").logTail());
        Set<String> exposed = scrapeUntil("notification-service", Duration.ofSeconds(10),
                "reminders_sent_total", "notification_due_jobs_lag_seconds", "kafka_consumer_fetch_manager_records_lag_max");
        assertTrue(exposed.containsAll(List.of("reminders_sent_total", "notifications_sent_total",
                "notification_due_jobs_lag_seconds", "kafka_consumer_fetch_manager_records_lag_max")), exposed.toString());
        // The earlier tests' sessions add confirmation emails, so wait for the reminders themselves.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String sent = "";
        while (System.nanoTime() < deadline && !sent.endsWith(" 2.0")) {
            sent = running.get("notification-service").metrics().lines()
                    .filter(l -> l.startsWith("reminders_sent_total{") && l.contains("outcome=\"sent\"")).findFirst().orElse("");
            Thread.sleep(250);
        }
        assertEquals(2.0, Double.parseDouble(sent.substring(sent.lastIndexOf(' ') + 1)), sent);
    }

    private static JsonNode call(PackagedService service, String method, String path, String token, Object body,
            int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.url(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = service.send(request);
        assertEquals(expectedStatus, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    @Test
    @Order(6)
    void sessionServiceCountsVideoCallsAndTheirDurationUnderThePlansNames() throws Exception {
        PackagedService session = running.get("session-service");
        String admin = call(session, "POST", "/api/auth/login", null,
                Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD), 200).path("token").asText();
        String psychologistEmail = "psy-" + UUID.randomUUID() + "@example.test";
        call(session, "POST", "/api/admin/users", admin, Map.of("name", "Dr Check", "email", psychologistEmail,
                "password", "psy-password-1", "role", "psychologist"), 201);
        JsonNode psychologist = call(session, "POST", "/api/auth/login", null,
                Map.of("email", psychologistEmail, "password", "psy-password-1"), 200);
        // self-registration signs nobody in (the mailed link does): the practice creates this client, verified
        String clientEmail = "client-" + UUID.randomUUID() + "@example.test";
        call(session, "POST", "/api/admin/users", admin, Map.of("name", "Client Check", "email", clientEmail,
                "password", "client-password-1", "role", "client"), 201);
        JsonNode client = call(session, "POST", "/api/auth/login", null,
                Map.of("email", clientEmail, "password", "client-password-1"), 200);
        String clientToken = client.path("token").asText();
        String psychologistId = psychologist.path("user").path("id").asText();
        call(session, "PUT", "/api/admin/psychologists/" + psychologistId + "/rates", admin,
                Map.of("individual", 2500, "group", 1500), 200);
        // a session starting in 10 minutes is an admin's phone booking (clients book free slots 2 h ahead)
        String sessionId = call(session, "POST", "/api/sessions", admin, Map.of(
                "psychologistId", psychologistId, "clientId", client.path("user").path("id").asText(),
                "sessionDate", Instant.now().plus(10, ChronoUnit.MINUTES).toString(),
                "sessionType", "individual"), 201).path("id").asText();
        call(session, "POST", "/api/sessions/" + sessionId + "/payment/confirm", admin, null, 200);

        call(session, "POST", "/api/video-calls/start/" + sessionId, clientToken, null, 200);
        call(session, "POST", "/api/video-calls/quality/" + sessionId, clientToken,
                Map.of("outcome", "connected", "timeToConnectMs", 850, "candidateType", "relay"), 204);
        call(session, "POST", "/api/video-calls/quality/" + sessionId, psychologist.path("token").asText(),
                Map.of("outcome", "failed"), 204);
        call(session, "POST", "/api/video-calls/end/" + sessionId, psychologist.path("token").asText(), null, 200);

        Set<String> exposed = scrape("session-service");
        assertTrue(exposed.containsAll(List.of("video_calls_total", "video_call_duration_seconds_bucket",
                "video_call_duration_seconds_count", "video_call_time_to_connect_seconds_bucket", "video_call_relay_total")),
                exposed.toString());
        String metrics = session.metrics();
        for (String status : List.of("started", "completed", "failed")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("video_calls_total{") && l.contains("status=\"" + status + "\"")
                    && l.endsWith(" 1.0")), "video_calls_total{status=" + status + "} is 1");
        }
    }

    @Test
    @Order(7)
    void everyQueriedMetricIsExposedByARunningService() throws Exception {
        for (String service : running.keySet()) {
            scrape(service);
        }
        Set<String> exposedAnywhere = new TreeSet<>();
        EXPOSED.values().forEach(exposedAnywhere::addAll);
        Set<String> missing = new LinkedHashSet<>(Metrics.queried());
        missing.removeAll(exposedAnywhere);
        assertTrue(missing.isEmpty(), "queried by the dashboard or alert rules but exposed by no running service: " + missing);
    }

    /** A paid session as session-service publishes it on session-events (key = sessionId). */
    private static void publishConfirmedSession(String clientId, String psychologistId, Instant start) throws Exception {
        String sessionId = "deploy-check-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String event = """
                {"eventId":"%s","type":"SessionConfirmed","version":1,"occurredAt":"%s","sessionId":"%s",
                 "payload":{"sessionDate":"%s","sessionType":"individual","status":"Confirmed",
                  "client":{"id":"%s","name":"Client One","email":"client@example.test"},
                  "psychologist":{"id":"%s","name":"Dr Psych","email":"psych@example.test"}}}
                """.formatted(UUID.randomUUID(), now, sessionId, start.truncatedTo(ChronoUnit.SECONDS), clientId,
                psychologistId);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("session-events", sessionId, event)).get(20, TimeUnit.SECONDS);
        }
    }

    /** Asks until the answer has {@code status} (an event takes a moment to reach its consumer), at most 30 s. */
    private static HttpResponse<String> awaitStatus(PackagedService service, String path, String token, int status)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> answer = service.get(path, token);
        while (answer.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            answer = service.get(path, token);
        }
        assertEquals(status, answer.statusCode(), answer.body());
        return answer;
    }
}

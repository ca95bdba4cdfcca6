package com.smilingsteps.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The public REST API through the gateway, as the SPA calls it (design.md "REST shapes"). Tests
 * use it to prepare what is not under test (accounts, bookings, payments) and to read back what
 * the browsers did (the stored call duration).
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final MailLinks inbox;

    /** {@code pop3Port}: the stack's GreenMail, where the verification emails of new clients arrive. */
    public Api(String baseUrl, int pop3Port) {
        this(baseUrl, new Inbox(pop3Port));
    }

    /** {@code inbox}: where the verification emails of new clients are read. */
    public Api(String baseUrl, MailLinks inbox) {
        this.baseUrl = baseUrl;
        this.inbox = inbox;
    }

    public MailLinks inbox() {
        return inbox;
    }

    public record Account(String id, String name, String email, String password, String role, String token) {
    }

    /** An answer whatever its status, for checks of refusals. */
    public record Answer(int status, JsonNode body) {
    }

    /**
     * Registers as a client does: the answer signs nobody in; the verification email's link does
     * (its token posted as the SPA's verify page posts it).
     */
    /** The privacy notice version the SPA shows (session-service's PrivacyConsent.CURRENT_NOTICE). */
    public static final String PRIVACY_NOTICE = "2026-11-29";

    public Account register(String name, String email, String password) {
        post("/api/auth/register", null, Map.of("name", name, "email", email, "password", password,
                "privacyNotice", PRIVACY_NOTICE));
        return verify(inbox.linkIn(email, "Confirm your email address", Duration.ofSeconds(60)), password);
    }

    /** Opens a verification link (its token) the way the SPA's /verify-email page does: signed in. */
    public Account verify(String link, String password) {
        String token = link.substring(link.indexOf("#token=") + "#token=".length());
        return account(post("/api/auth/verify-email", null, Map.of("token", token)), password);
    }

    public Account login(String email, String password) {
        return account(post("/api/auth/login", null, Map.of("email", email, "password", password)), password);
    }

    /**
     * The account with an access token still valid for {@code margin}: signed in again once it is
     * not (access tokens live 15 minutes), for load that outlasts one token.
     */
    public Account fresh(Account account, Duration margin) {
        return tokenExpiry(account.token()).isAfter(Instant.now().plus(margin)) ? account
                : login(account.email(), account.password());
    }

    /** The {@code exp} claim of a signed-in answer's token (its payload, not verified: our own token). */
    public static Instant tokenExpiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT");
        }
        return Instant.ofEpochSecond(parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .path("exp").asLong());
    }

    /** A new client through the public registration, with a unique address. */
    public Account newClient(String name) {
        return register(name, unique("client"), "Client-pass-" + UUID.randomUUID());
    }

    /** The individual-session rate {@link #newPsychologist} sets, in KES. */
    public static final long RATE = 2500;

    /**
     * A new psychologist, created by an admin as the practice does it, with rates and working
     * hours every day from 08:00 to 20:00 Nairobi time.
     */
    public Account newPsychologist(Account admin, String name) {
        String email = unique("psy");
        String password = "Psy-pass-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("email", email);
        body.put("password", password);
        body.put("role", "psychologist");
        post("/api/admin/users", admin.token(), body);
        Account psychologist = login(email, password);
        put("/api/admin/psychologists/" + psychologist.id() + "/rates", admin.token(), Map.of("individual", RATE, "group", 1500));
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            weekly.put(day.name().toLowerCase(java.util.Locale.ROOT), java.util.List.of(Map.of("start", "08:00", "end", "20:00")));
        }
        put("/api/psychologists/" + psychologist.id() + "/working-hours", admin.token(),
                Map.of("weekly", weekly, "timeOff", java.util.List.of()));
        return psychologist;
    }

    /**
     * An admin's phone booking for the client starting {@code startsIn} from now (clients book
     * only free slots at least 2 h ahead; a session inside the join window needs an admin).
     */
    public JsonNode book(Account admin, Account client, Account psychologist, Duration startsIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("psychologistId", psychologist.id());
        body.put("clientId", client.id());
        body.put("sessionDate", Instant.now().plus(startsIn).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("sessionType", "individual");
        return post("/api/sessions", admin.token(), body);
    }

    /** Pays through the dev stack's simulated M-Pesa STK push and waits for its callback to confirm the session. */
    public JsonNode payAndAwaitConfirmed(Account client, String sessionId) {
        post("/api/sessions/" + sessionId + "/payment/mpesa", client.token(), Map.of("phone", "254712345678"));
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        JsonNode session = session(client, sessionId);
        while (!"Confirmed".equals(session.path("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session " + sessionId + " not Confirmed 45 s after the simulated payment: " + session);
            }
            sleep(500);
            session = session(client, sessionId);
        }
        return session;
    }

    /** A paid, joinable session between a new client and a new psychologist. */
    public PaidSession paidSession(Account admin, String label) {
        Account psychologist = newPsychologist(admin, "Dr " + label);
        Account client = newClient("Client " + label);
        String id = book(admin, client, psychologist, Duration.ofMinutes(2)).path("id").asText();
        payAndAwaitConfirmed(client, id);
        return new PaidSession(id, client, psychologist);
    }

    public record PaidSession(String id, Account client, Account psychologist) {
    }

    public JsonNode session(Account who, String sessionId) {
        return get("/api/sessions/" + sessionId, who.token());
    }

    public JsonNode get(String path, String token) {
        return expectOk("GET " + path, send(request(path, token).GET()));
    }

    public JsonNode post(String path, String token, Object body) {
        return expectOk("POST " + path, send(request(path, token).POST(publisher(body))));
    }

    public JsonNode put(String path, String token, Object body) {
        return expectOk("PUT " + path, send(request(path, token).PUT(publisher(body))));
    }

    public Answer tryGet(String path, String token) {
        return send(request(path, token).GET());
    }

    public Answer tryPost(String path, String token, Object body) {
        return send(request(path, token).POST(publisher(body)));
    }

    public Answer tryDelete(String path, String token, Object body) {
        return send(request(path, token).method("DELETE", publisher(body)));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? JSON.nullNode() : parse(text);
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException("gateway unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static JsonNode expectOk(String what, Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new AssertionError(what + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    private static Account account(JsonNode auth, String password) {
        JsonNode user = auth.path("user");
        return new Account(user.path("id").asText(), user.path("name").asText(), user.path("email").asText(), password,
                user.path("role").asText(), auth.path("token").asText());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@e2e.smilingsteps.test";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

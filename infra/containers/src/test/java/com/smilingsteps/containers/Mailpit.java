package com.smilingsteps.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The mail the compose stack's Mailpit caught, read through its API on its fixed port. */
final class Mailpit {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Mailpit() {
    }

    static List<JsonNode> messages() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8025/api/v1/messages"))
                .build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> messages = new ArrayList<>();
        JSON.readTree(response.body()).forEach(messages::add);
        return messages;
    }

    private static final Pattern LINK = Pattern.compile("https?://\\S+#token=[A-Za-z0-9_%-]+");

    /**
     * The first link with a token in the mail to {@code address} with {@code subject} (the stand-in
     * gives the raw body: quoted-printable soft breaks and {@code =3D} are undone first).
     */
    static String linkIn(String address, String subject, Duration timeout) {
        try {
            JsonNode mail = await(m -> m.path("to").toString().contains(address) && m.path("subject").asText().equals(subject)
                    && LINK.matcher(decoded(m.path("text").asText())).find(), timeout);
            Matcher link = LINK.matcher(decoded(mail.path("text").asText()));
            link.find();
            return link.group();
        } catch (Exception e) {
            throw new IllegalStateException("no '" + subject + "' link for " + address, e);
        }
    }

    private static String decoded(String body) {
        return body.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    }

    /** The first message {@code wanted} accepts, polling until {@code timeout}; fails listing what was caught. */
    static JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> all = messages();
            for (JsonNode mail : all) {
                if (wanted.test(mail)) {
                    return mail;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such email within " + timeout + "; caught: "
                        + all.stream().map(m -> m.path("to") + " " + m.path("subject").asText()).toList());
            }
            Thread.sleep(2000);
        }
    }
}

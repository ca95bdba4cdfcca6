package com.smilingsteps.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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

package com.smilingsteps.session.privacy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.kit.problem.ProblemException;

/**
 * Asks notification-service for the emails it sent (or will send) to the caller, with the caller's
 * own access token: notification-service decides and audits that read itself, and can only ever
 * answer with the token subject's emails. The answer is passed through as it came (services share
 * no classes). Any failure is a 503 problem: an export silently missing the emails would mislead.
 */
@ApplicationScoped
public class EmailsSentClient {

    static final String PATH = "/api/notifications/mine";
    private static final Logger LOG = Logger.getLogger(EmailsSentClient.class);

    private final PrivacyConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    EmailsSentClient(PrivacyConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.notificationServiceTimeout()).build();
    }

    /** The emails to the bearer of {@code accessToken}, as notification-service gives them. */
    public JsonNode emailsTo(String accessToken, String clientIp, String requestId) {
        String failure = "no notification-service URL configured";
        for (String base : config.notificationServiceUrls()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.strip().replaceAll("/+$", "") + PATH))
                    .timeout(config.notificationServiceTimeout()).header("Authorization", "Bearer " + accessToken)
                    .header("Accept", "application/json").GET();
            // notification-service audits the read with the person's address, not ours (kit's client-address rule)
            if (clientIp != null && !clientIp.isBlank()) {
                request.header("X-Forwarded-For", clientIp);
            }
            if (requestId != null) {
                request.header("X-Request-Id", requestId);
            }
            try {
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return json.readTree(answer.body());
                }
                failure = "answered " + answer.statusCode();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
                break;
            }
        }
        LOG.warnf("personal-data export: notification-service %s", failure);
        throw new ProblemException(503, "export-incomplete", "Export unavailable",
                "The emails we sent you cannot be read right now, so no partial export is given. Try again in a few minutes.",
                null);
    }
}

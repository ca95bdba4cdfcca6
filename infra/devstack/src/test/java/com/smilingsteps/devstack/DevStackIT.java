package com.smilingsteps.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * README command 1 as a test: the whole system starts on the embedded servers, a document written
 * through the gateway survives a stop and a second start on the same data, and stopping leaves
 * no process behind. Runs after the services are packaged (failsafe, integration-test phase).
 */
class DevStackIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsEverythingKeepsDataAcrossARestartAndLeavesNoProcessBehind() throws Exception {
        Path repoRoot = Path.of("../..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("devstack-it-");
        StackPorts ports = StackPorts.free();
        String email = "restart-check@example.test";
        try (DevStack stack = DevStack.start(new DevStack.Options(repoRoot, data, ports, false, Map.of()))) {
            System.out.printf("dev stack UP in %.1f s%n", stack.startupTime().toMillis() / 1000.0);
            for (int port : List.of(ports.gateway(), ports.session(), ports.signaling(), ports.turnCredentials(),
                    ports.notification())) {
                assertEquals(200, get("http://127.0.0.1:" + port + "/q/health/ready").statusCode(), "port " + port);
            }
            HttpResponse<String> registered = post(stack.gatewayUrl() + "/api/auth/register",
                    "{\"name\":\"Restart Check\",\"email\":\"" + email + "\",\"password\":\"long-enough-password\",\"privacyNotice\":\"2026-11-29\"}");
            assertEquals(202, registered.statusCode(), registered.body()); // the verification link goes by mail
            HttpResponse<String> spa = get(stack.gatewayUrl() + "/video-call/some-session");
            assertEquals(200, spa.statusCode());
            assertTrue(spa.body().contains("<div id=\"root\">"), "the SPA is served for client-side routes");
        }
        assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                "no child process outlives the stack");

        try (DevStack again = DevStack.start(new DevStack.Options(repoRoot, data, ports, false, Map.of()))) {
            HttpResponse<String> login = post(again.gatewayUrl() + "/api/auth/login",
                    "{\"email\":\"" + email + "\",\"password\":\"long-enough-password\",\"privacyNotice\":\"2026-11-29\"}");
            assertEquals(200, login.statusCode(), "the account written before the restart is still there: " + login.body());
            assertTrue(login.body().contains("\"emailVerified\":false"), "and still waits for its address to be verified");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package com.smilingsteps.containers;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * The stand-in for the {@code mailpit} container: GreenMail's SMTP server on 1025 (Mailpit's port)
 * and, on 8025, the two parts of Mailpit's HTTP API the tests and health check use:
 * {@code GET /readyz} and {@code GET /api/v1/messages} (every message caught: to, subject, text).
 */
public final class MailStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MailStandIn() {
    }

    public static void main(String[] args) throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(1025, "0.0.0.0", ServerSetup.PROTOCOL_SMTP));
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        HttpServer http = HttpServer.create(new InetSocketAddress("0.0.0.0", 8025), 16);
        http.createContext("/readyz", exchange -> answer(exchange, 200, "ok"));
        http.createContext("/api/v1/messages", exchange -> {
            try {
                answer(exchange, 200, JSON.writeValueAsString(messages(greenMail.getReceivedMessages())));
            } catch (Exception e) {
                answer(exchange, 500, e.toString());
            }
        });
        http.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            greenMail.stop();
        }));
        System.out.println("SMTP on 0.0.0.0:1025, messages at http://0.0.0.0:8025/api/v1/messages");
        Thread.currentThread().join();
    }

    private static List<Map<String, Object>> messages(MimeMessage[] received) throws Exception {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (MimeMessage message : received) {
            List<String> to = new ArrayList<>();
            Address[] recipients = message.getRecipients(Message.RecipientType.TO);
            for (Address address : recipients == null ? new Address[0] : recipients) {
                to.add(address.toString());
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("to", to);
            entry.put("subject", message.getSubject());
            entry.put("text", GreenMailUtil.getBody(message));
            messages.add(entry);
        }
        return messages;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 && body.startsWith("[") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

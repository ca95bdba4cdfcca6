package com.smilingsteps.containers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.smilingsteps.infra.embedded.FreePorts;

/**
 * What an operator prepares before {@code docker-compose up}, made for one test run: a signing key,
 * coturn's TLS certificate and configuration on free ports, the Daraja stand-in, and the env file
 * with every variable docker-compose.yml requires.
 */
record StackEnvironment(String gatewayUrl, Path envFile, DarajaStandIn daraja) {

    static StackEnvironment write(Podman podman, Path work, String tag, String adminEmail, String adminPassword,
            String oncall) throws Exception {
        int gatewayPort = FreePorts.next();
        int turnPort = FreePorts.next();
        int turnTlsPort = FreePorts.next();
        int relay = 61_000 + new SecureRandom().nextInt(3_000);
        int darajaPort = FreePorts.next();
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        String callbackSecret = "it-callback-" + UUID.randomUUID();

        Path jwt = Files.createDirectories(work.resolve("secrets/jwt"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Files.writeString(jwt.resolve("signing-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path tls = Files.createDirectories(work.resolve("secrets/turn-tls"));
        podman.run(Duration.ofMinutes(1), List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", tls.resolve("privkey.pem").toString(), "-out", tls.resolve("fullchain.pem").toString(),
                "-days", "2", "-subj", "/CN=turn.smilingsteps.test")).orFail("openssl");
        // readable by the containers' users (185; coturn runs as root without DAC_OVERRIDE)
        for (Path dir : List.of(work, work.resolve("secrets"), jwt, tls)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path file : List.of(jwt.resolve("signing-key.pem"), tls.resolve("privkey.pem"), tls.resolve("fullchain.pem"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Path turnConfig = work.resolve("turnserver.conf");
        Files.writeString(turnConfig, Files.readString(Repo.root().resolve("infra/coturn/turnserver.conf"))
                .replace("listening-port=3478", "listening-port=" + turnPort)
                .replace("tls-listening-port=443", "tls-listening-port=" + turnTlsPort)
                .replace("min-port=49152", "min-port=" + relay)
                .replace("max-port=49999", "max-port=" + (relay + 50)));
        Files.setPosixFilePermissions(turnConfig, PosixFilePermissions.fromString("rw-r--r--"));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("IMAGE_TAG", tag);
        env.put("GATEWAY_BIND", "127.0.0.1:" + gatewayPort);
        env.put("APP_PUBLIC_URL", gatewayUrl);
        env.put("JWT_SECRETS_DIR", jwt.toString());
        env.put("PII_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        env.put("BOOTSTRAP_ADMIN_EMAIL", adminEmail);
        env.put("BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.put("MPESA_CALLBACK_SECRET", callbackSecret);
        env.put("MPESA_CONSUMER_KEY", DarajaStandIn.CONSUMER_KEY);
        env.put("MPESA_CONSUMER_SECRET", DarajaStandIn.CONSUMER_SECRET);
        env.put("MPESA_SHORTCODE", "174379");
        env.put("MPESA_PASSKEY", "it-passkey");
        env.put("TURN_SECRET", "it-turn-secret-" + UUID.randomUUID());
        env.put("TURN_URLS", "turn:host.containers.internal:" + turnPort + "?transport=udp,turns:host.containers.internal:"
                + turnTlsPort + "?transport=tcp");
        env.put("TURN_TLS_DIR", tls.toString());
        env.put("SMTP_HOST", "mailpit");
        env.put("SMTP_PORT", "1025");
        env.put("SMTP_START_TLS", "DISABLED");
        env.put("SMTP_LOGIN", "DISABLED");
        env.put("NOTIFICATION_DISPATCH_EVERY", "2s");
        env.put("GATEWAY_SIGN_IN_LIMIT", "500");
        env.put("GATEWAY_REFRESH_LIMIT", "500");
        env.put("ALERT_EMAIL_TO", "ops@smilingsteps.test");
        env.put("ALERT_CRITICAL_EMAIL_TO", oncall);
        env.put("GRAFANA_ADMIN_PASSWORD", "unused");
        env.put("IT_TURN_CONFIG", turnConfig.toString());
        env.put("IT_TURN_PORT", String.valueOf(turnPort));
        env.put("IT_DARAJA_PORT", String.valueOf(darajaPort));
        StringBuilder text = new StringBuilder();
        env.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path envFile = Files.writeString(work.resolve("test.env"), text);
        DarajaStandIn daraja = new DarajaStandIn(darajaPort, gatewayUrl + "/api/payments/mpesa/callback/" + callbackSecret);
        return new StackEnvironment(gatewayUrl, envFile, daraja);
    }
}

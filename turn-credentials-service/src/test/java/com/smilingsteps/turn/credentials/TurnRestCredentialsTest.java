package com.smilingsteps.turn.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class TurnRestCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00.750Z");

    @Test
    void passwordIsTheHmacThatOpensslComputes() throws Exception {
        TurnRestCredentials credentials = new TurnRestCredentials("s3cr3t shared with coturn", Duration.ofHours(2));
        String username = "1795520961:64f1c0ffee";
        assertEquals(openssl("s3cr3t shared with coturn", username), credentials.password(username));
    }

    @Test
    void passwordMatchesFixedVectors() {
        // printf %s '1700000000:alice' | openssl dgst -binary -sha1 -hmac north | base64
        assertEquals("Cd/49soE35ICqcJF/bCTn8Z4OyE=",
                new TurnRestCredentials("north", Duration.ofHours(2)).password("1700000000:alice"));
        // RFC 2202 HMAC-SHA1 test case 2 (hex effcdf6ae5eb2fa2d27416d5f184df9c259a7c79), base64-encoded
        assertEquals("7/zfauXrL6LSdBbV8YTfnCWafHk=",
                new TurnRestCredentials("Jefe", Duration.ofHours(2)).password("what do ya want for nothing?"));
    }

    @Test
    void passwordsMintedOnManyThreadsAtOnceAreEachTheirUsersHmac() throws Exception {
        // One Mac shared between threads would mix two users' input into one digest.
        TurnRestCredentials credentials = new TurnRestCredentials("north", Duration.ofHours(2));
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String user = "1700000000:user-" + t;
                String expected = new TurnRestCredentials("north", Duration.ofHours(2)).password(user);
                wrong.add(pool.submit(() -> {
                    start.await();
                    int mismatches = 0;
                    for (int i = 0; i < perThread; i++) {
                        mismatches += credentials.password(user).equals(expected) ? 0 : 1;
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            for (Future<Integer> mismatches : wrong) {
                assertEquals(0, mismatches.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void usernameCarriesTheExpiryInUnixSecondsThenTheUserId() {
        TurnRestCredentials.Credential credential = new TurnRestCredentials("k", Duration.ofHours(2))
                .mint("user-42", NOW);
        long expiry = NOW.getEpochSecond() + 7200;
        assertEquals(expiry + ":user-42", credential.username());
        assertEquals(Instant.ofEpochSecond(expiry), credential.expiresAt());
    }

    @Test
    void differentSecretsGiveDifferentPasswords() {
        Duration ttl = Duration.ofHours(2);
        assertNotEquals(new TurnRestCredentials("a", ttl).mint("u", NOW).password(),
                new TurnRestCredentials("b", ttl).mint("u", NOW).password());
    }

    @Test
    void refusesUserIdsCoturnWouldMisread() {
        TurnRestCredentials credentials = new TurnRestCredentials("k", Duration.ofHours(2));
        assertThrows(IllegalArgumentException.class, () -> credentials.mint("a:b", NOW));
        assertThrows(IllegalArgumentException.class, () -> credentials.mint(" ", NOW));
    }

    @Test
    void refusesAnEmptySecretOrTtl() {
        assertThrows(IllegalArgumentException.class, () -> new TurnRestCredentials("", Duration.ofHours(2)));
        assertThrows(IllegalArgumentException.class, () -> new TurnRestCredentials("k", Duration.ZERO));
    }

    private static String openssl(String secret, String message) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("openssl", "dgst", "-binary", "-sha1", "-hmac", secret).start();
        process.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        byte[] mac = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || mac.length != 20) {
            throw new IllegalStateException("openssl dgst failed: " + new String(process.getErrorStream().readAllBytes()));
        }
        return Base64.getEncoder().encodeToString(mac);
    }
}

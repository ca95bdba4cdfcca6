package com.smilingsteps.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs tokens the way session-service does (RS256, iss, aud, exp, groups), with a key pair made
 * once per test JVM, plus the bad tokens every service must refuse.
 */
public final class TestJwt {

    public static final String ISSUER = "smiling-steps-video";
    public static final String AUDIENCE = "smiling-steps-api";
    public static final String TICKET_AUDIENCE = "signaling";
    public static final String KEY_ID = "test-key-1";
    /** A second key's id, as after a key rotation: {@link #signedWithNextKey}, {@link #jwksWithNextKey}. */
    public static final String NEXT_KEY_ID = "test-key-2";

    // Quarkus may load this class in more than one class loader of the same test JVM (test
    // resources and tests); the keys live in system properties so every copy signs alike.
    private static final KeyPair KEYS = sharedKeyPair("smilingsteps.test-jwt.keys");
    private static final KeyPair OTHER_KEYS = sharedKeyPair("smilingsteps.test-jwt.other-keys");
    private static Path publicKeyFile;
    private static Path jwksFile;

    private TestJwt() {
    }

    /** A valid access token for {@code userId} in {@code role} (client, psychologist, admin). */
    public static String accessToken(String userId, String role) {
        return sign(claims(userId, role));
    }

    /** Starts a valid access token's claims, for tests that change one of them. */
    public static JwtClaimsBuilder claims(String userId, String role) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .upn(userId + "@example.test")
                .claim("name", "Test " + role)
                .groups(Set.of(role))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(3600));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(KEYS.getPrivate());
    }

    public static String expired(String userId, String role) {
        return sign(claims(userId, role).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)));
    }

    public static String signedByAnotherKey(String userId, String role) {
        // same kid, different key: only the signature check can catch it
        return claims(userId, role).jws().keyId(KEY_ID).sign(OTHER_KEYS.getPrivate());
    }

    /** Signed with the other key under its own kid, as session-service signs after rotating its key. */
    public static String signedWithNextKey(String userId, String role) {
        return claims(userId, role).jws().keyId(NEXT_KEY_ID).sign(OTHER_KEYS.getPrivate());
    }

    public static String wrongAudience(String userId, String role) {
        return sign(claims(userId, role).audience("someone-else"));
    }

    public static String hs256(String userId, String role) {
        return claims(userId, role).signWithSecret("a-shared-secret-that-is-at-least-256-bits-long!!");
    }

    /** An unsigned token ({@code alg: none}) carrying otherwise valid claims. */
    public static String algNone(String userId, String role) {
        String signed = accessToken(userId, role);
        String payload = signed.split("\\.")[1];
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    public static KeyPair keys() {
        return KEYS;
    }

    /** The public key as a PEM file, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized Path publicKeyPem() {
        if (publicKeyFile == null) {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            publicKeyFile = writeTemp("test-jwt-", ".pem", pem);
        }
        return publicKeyFile;
    }

    /** The public key as a JWKS document with {@link #KEY_ID}, as session-service publishes it. */
    public static String jwks() {
        return new JsonWebKeySet(jwk(KEYS, KEY_ID)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The JWKS after a key rotation: {@link #KEY_ID} and {@link #NEXT_KEY_ID} (the other key). */
    public static String jwksWithNextKey() {
        return new JsonWebKeySet(jwk(KEYS, KEY_ID), jwk(OTHER_KEYS, NEXT_KEY_ID))
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The JWKS once a rotation is over: only {@link #NEXT_KEY_ID}. */
    public static String jwksWithOnlyNextKey() {
        return new JsonWebKeySet(jwk(OTHER_KEYS, NEXT_KEY_ID)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static RsaJsonWebKey jwk(KeyPair keys, String keyId) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        jwk.setKeyId(keyId);
        return jwk;
    }

    public static synchronized Path jwksFile() {
        if (jwksFile == null) {
            jwksFile = writeTemp("test-jwks-", ".json", jwks());
        }
        return jwksFile;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Path writeTemp(String prefix, String suffix, String content) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            Files.writeString(file, content);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair sharedKeyPair(String property) {
        synchronized (System.getProperties()) {
            String stored = System.getProperty(property);
            if (stored == null) {
                KeyPair generated = rsaKeyPair();
                Base64.Encoder encoder = Base64.getEncoder();
                System.setProperty(property, encoder.encodeToString(generated.getPublic().getEncoded()) + ":"
                        + encoder.encodeToString(generated.getPrivate().getEncoded()));
                return generated;
            }
            try {
                String[] parts = stored.split(":");
                KeyFactory factory = KeyFactory.getInstance("RSA");
                return new KeyPair(
                        factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[0]))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1]))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("shared test key unreadable", e);
            }
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

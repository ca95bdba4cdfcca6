package com.smilingsteps.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The dev stack's secrets: generated at random on the first start and kept in the data
 * directory, so a restart keeps tokens, encrypted phone numbers and TURN credentials valid.
 * Nothing here is a default: production supplies its own through the environment.
 */
public final class DevSecrets {

    static final String SIGNING_KEY_FILE = "jwt-signing-key.pem";
    static final String SECRETS_FILE = "secrets.properties";

    private final Map<String, String> values;
    private final Path signingKey;

    private DevSecrets(Map<String, String> values, Path signingKey) {
        this.values = values;
        this.signingKey = signingKey;
    }

    public static DevSecrets loadOrCreate(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(SECRETS_FILE);
            Properties props = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    props.load(reader);
                }
            }
            SecureRandom random = new SecureRandom();
            props.putIfAbsent("TURN_SECRET", randomToken(random, 32));
            props.putIfAbsent("PII_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(randomBytes(random, 32)));
            props.putIfAbsent("MPESA_CALLBACK_SECRET", randomToken(random, 24));
            props.putIfAbsent("BOOTSTRAP_ADMIN_EMAIL", "admin@smilingsteps.local");
            props.putIfAbsent("BOOTSTRAP_ADMIN_PASSWORD", randomToken(random, 12));
            try (Writer writer = Files.newBufferedWriter(file)) {
                props.store(writer, "Smiling Steps dev stack secrets (generated; for this machine's dev stack only)");
            }
            restrictToOwner(file);
            Path signingKey = dataDir.resolve(SIGNING_KEY_FILE);
            if (!Files.exists(signingKey)) {
                Files.writeString(signingKey, newRsaPrivateKeyPem(), StandardCharsets.US_ASCII);
                restrictToOwner(signingKey);
            }
            Map<String, String> values = new LinkedHashMap<>();
            props.stringPropertyNames().stream().sorted().forEach(name -> values.put(name, props.getProperty(name)));
            return new DevSecrets(values, signingKey);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare dev secrets in " + dataDir, e);
        }
    }

    /** Environment entries for the services: every secret plus the signing key's path. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(values);
        env.put("JWT_SIGNING_KEY_FILE", signingKey.toAbsolutePath().toString());
        return env;
    }

    public String get(String name) {
        return values.get(name);
    }

    static String newRsaPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken(SecureRandom random, int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(random, bytes));
    }

    private static byte[] randomBytes(SecureRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the file stays with its default permissions
        }
    }
}

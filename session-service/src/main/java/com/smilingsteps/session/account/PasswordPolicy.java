package com.smilingsteps.session.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.smilingsteps.kit.problem.ProblemException;

/**
 * The one rule for every new password (registration, change, reset, invitation): 8 to 128
 * characters and none of the common passwords shipped in {@code passwords/common-passwords.txt}.
 */
public final class PasswordPolicy {

    public static final int MIN = 8;
    public static final int MAX = 128;
    private static final Set<String> COMMON = load("passwords/common-passwords.txt");

    private PasswordPolicy() {
    }

    /** Refuses {@code password} with a 400 naming {@code field}. */
    public static void require(String password, String field) {
        if (password == null || password.length() < MIN || password.length() > MAX) {
            throw ProblemException.badRequest(field, "a password needs " + MIN + " to " + MAX + " characters");
        }
        if (isCommon(password)) {
            throw new ProblemException(400, "common-password", "Bad Request",
                    "this password is one of the most commonly used ones; choose another", field);
        }
    }

    static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}

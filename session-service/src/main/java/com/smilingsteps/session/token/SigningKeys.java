package com.smilingsteps.session.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import io.quarkus.runtime.Startup;

/** The RSA key that signs tokens, and the JWKS that publishes it (plus the previous key during a rotation). */
@Startup // a bad key file or key fails the start, not the first request
@ApplicationScoped
public class SigningKeys {

    private final PrivateKey privateKey;
    private final String keyId;
    private final List<Map<String, Object>> jwks = new ArrayList<>();

    @Inject
    public SigningKeys(TokenConfig config) {
        try {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pem(config.signingKeyFile(), "PRIVATE KEY")));
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            this.privateKey = key;
            this.keyId = config.keyId().filter(id -> !id.isBlank()).orElse(thumbprint(publicKey));
            jwks.add(jwk(publicKey, keyId));
            if (config.previousPublicKeyFile().filter(file -> !file.isBlank()).isPresent()) {
                RSAPublicKey previous = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                        new X509EncodedKeySpec(pem(config.previousPublicKeyFile().get(), "PUBLIC KEY")));
                jwks.add(jwk(previous, config.previousKeyId().filter(id -> !id.isBlank()).orElse(thumbprint(previous))));
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the token signing key is not a PKCS#8 RSA key", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    public Map<String, Object> jwks() {
        return Map.of("keys", jwks);
    }

    private static byte[] pem(String file, String label) {
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
            String begin = "-----BEGIN " + label + "-----";
            String end = "-----END " + label + "-----";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < 0) {
                throw new IllegalStateException(file + " holds no " + label + " PEM block");
            }
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
    }

    private static Map<String, Object> jwk(RSAPublicKey key, String kid) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        jwk.setKeyId(kid);
        return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** RFC 7638 JWK thumbprint: stable across restarts and replicas that share the key. */
    static String thumbprint(RSAPublicKey key) {
        return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
    }
}

package com.smilingsteps.session.account;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "pii")
public interface PiiConfig {

    /** Base64 of 32 random bytes (PII_ENCRYPTION_KEY); no default, so production must set it. */
    String encryptionKey();
}

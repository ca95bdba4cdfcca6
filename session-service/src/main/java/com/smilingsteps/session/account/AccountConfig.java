package com.smilingsteps.session.account;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Lifetimes of the one-time links mailed to account holders, and how often they may be asked for. */
@ConfigMapping(prefix = "account")
public interface AccountConfig {

    /** The link that verifies a new address and signs in. */
    @WithDefault("PT24H")
    Duration verificationLifetime();

    /** The link that sets a new password. */
    @WithDefault("PT30M")
    Duration resetLifetime();

    /** The link an admin-created account sets its first password with. */
    @WithDefault("P7D")
    Duration invitationLifetime();

    /** Mails an account may be sent per hour of each kind (verification resends, password resets). */
    @WithDefault("3")
    int mailsPerAccountPerHour();

    /** Password-reset requests one client address may make per hour, whatever the accounts. */
    @WithDefault("10")
    int resetsPerAddressPerHour();

    /** Wrong current passwords per account per 15 minutes before changing the password is refused for a while. */
    @WithDefault("5")
    int wrongCurrentPasswords();
}

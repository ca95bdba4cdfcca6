package com.smilingsteps.session.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing without handing attackers a way to lock people out.
 *
 * <p>Failures are counted in leaky buckets, so they decay: one wrong guess every few minutes never
 * adds up. Three buckets: per (account, address), strict; per address across accounts (credential
 * stuffing from one place); per account across addresses, loose. The account's bucket only ever
 * holds back addresses that have themselves failed on it: a correct password from an address with
 * no failures is always checked, however hard the account is being attacked from elsewhere.
 */
public class LoginThrottle {

    /** A bucket's size: {@code free} failures pass, each leaks out after {@code leak}. */
    public record Limit(int free, Duration leak) {
    }

    private final Limit perPair;
    private final Limit perAddress;
    private final Limit perAccount;
    private final Clock clock;
    private final ConcurrentHashMap<String, Level> levels = new ConcurrentHashMap<>();

    /** Failures still counted at {@code at}; fractional while leaking. */
    private record Level(double failures, Instant at) {

        Level now(Instant now, Duration leak) {
            double leaked = (double) Duration.between(at, now).toMillis() / leak.toMillis();
            return new Level(Math.max(0, failures - Math.max(0, leaked)), now);
        }
    }

    public LoginThrottle(Limit perPair, Limit perAddress, Limit perAccount, Clock clock) {
        this.perPair = perPair;
        this.perAddress = perAddress;
        this.perAccount = perAccount;
        this.clock = clock;
    }

    /** The practice's defaults: 5 guesses per account and address, 30 per address, 50 per account. */
    public static LoginThrottle defaults(Clock clock) {
        return new LoginThrottle(new Limit(5, Duration.ofMinutes(5)), new Limit(30, Duration.ofSeconds(20)),
                new Limit(50, Duration.ofMinutes(1)), clock);
    }

    /** How long this address must wait before its password for this account is checked; zero when free. */
    public Duration waitFor(String account, String address) {
        double pair = level(pairKey(account, address), perPair);
        Duration wait = longer(over(pair, perPair), over(level(addressKey(address), perAddress), perAddress));
        if (pair > 0 && level(accountKey(account), perAccount) >= perAccount.free()) {
            // The account is under attack from many places: the addresses taking part wait for their pair to drain.
            wait = longer(wait, Duration.ofMillis((long) Math.ceil(pair * perPair.leak().toMillis())));
        }
        return wait;
    }

    public void failed(String account, String address) {
        add(pairKey(account, address), perPair);
        add(addressKey(address), perAddress);
        add(accountKey(account), perAccount);
        if (levels.size() > 300_000) {
            // bounded memory under a flood: forget buckets that have drained
            Instant now = clock.instant();
            levels.entrySet().removeIf(e -> e.getValue().now(now, Duration.ofMinutes(5)).failures() == 0);
        }
    }

    /** A correct password clears what this address had against this account. */
    public void succeeded(String account, String address) {
        levels.remove(pairKey(account, address));
    }

    /** Drops every bucket naming {@code account} (an erased account's address is kept nowhere). */
    public void forget(String account) {
        String pair = "pair|" + account + '|';
        String own = accountKey(account);
        levels.keySet().removeIf(key -> key.equals(own) || key.startsWith(pair));
    }

    private double level(String key, Limit limit) {
        Level level = levels.get(key);
        return level == null ? 0 : level.now(clock.instant(), limit.leak()).failures();
    }

    private void add(String key, Limit limit) {
        Instant now = clock.instant();
        levels.compute(key, (k, previous) -> {
            Level current = previous == null ? new Level(0, now) : previous.now(now, limit.leak());
            return new Level(current.failures() + 1, now);
        });
    }

    /** Time until the bucket is back under its free allowance, or zero. */
    private static Duration over(double level, Limit limit) {
        double excess = level - (limit.free() - 1);
        return excess <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(excess * limit.leak().toMillis()));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String pairKey(String account, String address) {
        return "pair|" + account + '|' + address;
    }

    private static String addressKey(String address) {
        return "address|" + address;
    }

    private static String accountKey(String account) {
        return "account|" + account;
    }
}

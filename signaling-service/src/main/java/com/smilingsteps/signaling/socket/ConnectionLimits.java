package com.smilingsteps.signaling.socket;

import java.util.HashMap;
import java.util.Map;

/**
 * Caps the sockets this instance holds per user and per client address (issue 12 item 9): one
 * token must not open thousands of sockets. The upgrade check asks {@link #refusal} and answers
 * 429; {@link #open} counts a socket in and refuses the ones that raced past the check in parallel
 * handshakes, so the caps hold exactly. Per instance: with n instances a user may hold n times the cap.
 */
public final class ConnectionLimits {

    private record Holder(String userId, String address) {
    }

    private final int perUser;
    private final int perAddress;
    private final Map<String, Holder> byConnection = new HashMap<>();
    private final Map<String, Integer> userCounts = new HashMap<>();
    private final Map<String, Integer> addressCounts = new HashMap<>();

    public ConnectionLimits(int perUser, int perAddress) {
        this.perUser = perUser;
        this.perAddress = perAddress;
    }

    /** Why one more socket of {@code userId} from {@code address} is refused, or null when it is not. */
    public synchronized String refusal(String userId, String address) {
        if (userCounts.getOrDefault(userId, 0) >= perUser) {
            return "more than " + perUser + " connections for this user";
        }
        if (address != null && addressCounts.getOrDefault(address, 0) >= perAddress) {
            return "more than " + perAddress + " connections from this address";
        }
        return null;
    }

    /** Counts the socket in; false (and not counted) when it would exceed a cap. */
    public synchronized boolean open(String connectionId, String userId, String address) {
        if (byConnection.containsKey(connectionId)) {
            return true;
        }
        if (refusal(userId, address) != null) {
            return false;
        }
        byConnection.put(connectionId, new Holder(userId, address));
        userCounts.merge(userId, 1, Integer::sum);
        if (address != null) {
            addressCounts.merge(address, 1, Integer::sum);
        }
        return true;
    }

    public synchronized void close(String connectionId) {
        Holder holder = byConnection.remove(connectionId);
        if (holder != null) {
            decrement(userCounts, holder.userId());
            if (holder.address() != null) {
                decrement(addressCounts, holder.address());
            }
        }
    }

    /** Sockets counted in now. */
    public synchronized int openCount() {
        return byConnection.size();
    }

    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }
}

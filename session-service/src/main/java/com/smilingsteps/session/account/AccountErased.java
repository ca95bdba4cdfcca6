package com.smilingsteps.session.account;

/**
 * Fired in this process once an account has been erased (the erasure package): state kept in
 * memory about it, keyed by its lower-cased address (the login throttle), is dropped.
 */
public record AccountErased(String userId, String emailKey) {
}

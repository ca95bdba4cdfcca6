package com.smilingsteps.infra.embedded;

import java.util.function.Consumer;

/** Starting a stack of servers and services: when one part fails, the parts already running are stopped. */
public final class StackStart {

    private StackStart() {
    }

    /** {@code stack} after {@code start} ran on it; closed, and the failure rethrown, when {@code start} fails. */
    public static <T extends AutoCloseable> T orClose(T stack, Consumer<T> start) {
        try {
            start.accept(stack);
            return stack;
        } catch (RuntimeException | Error e) {
            try {
                stack.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}

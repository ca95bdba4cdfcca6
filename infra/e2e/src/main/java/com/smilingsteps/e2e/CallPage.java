package com.smilingsteps.e2e;

/**
 * What {@link CallRoom} needs of a browser tab, whichever browser drives it: chromium through
 * Playwright ({@link Participant}) or firefox through the node driver (infra/e2e
 * {@code src/test/firefox}). Elements are found by their {@code data-testid}.
 */
public interface CallPage {

    /** Calls a JavaScript function's source in the page with {@code arg}; awaits a promise it returns. */
    Object evaluate(String function, Object arg);

    default Object evaluate(String function) {
        return evaluate(function, null);
    }

    int count(String testId);

    /** The attribute of the first element with {@code testId}, or null. */
    String attribute(String testId, String name);

    boolean enabled(String testId);

    /** Waits for the first element with {@code testId} to be visible, then clicks it. */
    void click(String testId);

    /** Waits (the page's default timeout) for an element with {@code testId} to be visible. */
    void waitFor(String testId);
}

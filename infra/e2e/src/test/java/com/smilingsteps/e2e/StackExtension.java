package com.smilingsteps.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.microsoft.playwright.Browser;

/**
 * One running system and one chromium per test JVM, shared by every end-to-end test class and
 * stopped when the JVM's tests are done. If the stack cannot start, every test fails with the
 * reason (it is never skipped: a broken build machine must show).
 */
public final class StackExtension implements ParameterResolver {

    /** What a test gets: the system, the browsers, the accessibility audit, and where screenshots go. */
    public static final class Harness implements AutoCloseable {
        private final E2eStack stack;
        private final Browsers browsers;
        private final Browser browser;
        private Browser promptingBrowser;
        private final Path screenshots;
        private final AxeAudit axe;

        Harness(E2eStack stack, Browsers browsers, Path screenshots, AxeAudit axe) {
            this.stack = stack;
            this.browsers = browsers;
            this.browser = browsers.launch(true);
            this.screenshots = screenshots;
            this.axe = axe;
        }

        public E2eStack stack() {
            return stack;
        }

        public Api api() {
            return stack.api();
        }

        /** The browser whose users accept camera, microphone and screen prompts. */
        public Browser browser() {
            return browser;
        }

        /** A browser without the fake prompt: headless chromium denies camera and microphone there. */
        public synchronized Browser promptingBrowser() {
            if (promptingBrowser == null) {
                promptingBrowser = browsers.launch(false);
            }
            return promptingBrowser;
        }

        public Path screenshots() {
            return screenshots;
        }

        public AxeAudit axe() {
            return axe;
        }

        @Override
        public void close() {
            try {
                browsers.close();
            } finally {
                stack.close();
            }
        }
    }

    /**
     * The test stack completes a call whose room stayed empty this long (10 min in production), so
     * that {@link AbandonedCallIT} finishes in a minute; every other test's drops last seconds.
     */
    static final Duration CALL_ABANDON_AFTER = Duration.ofSeconds(40);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Harness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Object started = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("harness", key -> startOrFailure(),
                Object.class);
        if (started instanceof StartFailure failure) {
            throw new IllegalStateException("the end-to-end system did not start: " + failure.cause.getMessage(), failure.cause);
        }
        Harness harness = ((Closing) started).harness;
        // a test that stopped a service and failed before starting it again must not fail every later one
        for (String service : harness.stack().devStack().startStopped()) {
            System.out.println("e2e: " + service + " was left stopped by an earlier test; started it again");
        }
        return harness;
    }

    /** Kept in the root store so JUnit closes it once, after the last test of the JVM. */
    private record Closing(Harness harness) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            harness.close();
        }
    }

    private record StartFailure(RuntimeException cause) {
    }

    private static Object startOrFailure() {
        Path repoRoot = Path.of(System.getProperty("e2e.repoRoot", "../..")).toAbsolutePath().normalize();
        Path dataDir = Path.of(System.getProperty("e2e.dataDir", "target/stack")).toAbsolutePath();
        Path screenshots = Path.of(System.getProperty("e2e.screenshots", "target/screenshots")).toAbsolutePath();
        Browsers browsers = null;
        E2eStack stack = null;
        try {
            Files.createDirectories(screenshots);
            try (var old = Files.list(screenshots)) {
                for (Path png : old.filter(p -> p.toString().endsWith(".png")).toList()) {
                    Files.delete(png); // a reviewer sees this run's pictures only
                }
            }
            AxeAudit axe = AxeAudit.of(repoRoot);
            browsers = Browsers.create();
            long started = System.nanoTime();
            stack = E2eStack.start(repoRoot, dataDir,
                    Map.of("CALL_ABANDON_AFTER", CALL_ABANDON_AFTER.toString(), "CALL_CHECK_INTERVAL", "5s"));
            System.out.printf("e2e: system up in %.1f s at %s%n", (System.nanoTime() - started) / 1e9, stack.baseUrl());
            return new Closing(new Harness(stack, browsers, screenshots, axe));
        } catch (Exception e) {
            if (stack != null) {
                stack.close();
            }
            if (browsers != null) {
                browsers.close();
            }
            return new StartFailure(e instanceof RuntimeException r ? r : new IllegalStateException(e));
        }
    }
}

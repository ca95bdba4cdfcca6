package com.smilingsteps.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Route;

/**
 * The SPA's end-to-end test build (gateway: {@code npm run build:e2e} into
 * {@code gateway/target/webui-e2e}), the only build with the {@code window.__ssv} hook the tests
 * read peer connections and call state through. The packaged gateway serves the production
 * build; a browser context of a test gets the test build instead for every page and asset path,
 * while {@code /api}, {@code /ws} and {@code /q} still go to the gateway. The pages are then
 * fulfilled by Playwright rather than served by the system, which Chromium's Local Network Access
 * checks treat as public, so {@link Browsers} turns those checks off.
 */
public final class TestSpaBuild {

    /** Where the gateway module leaves the test build. */
    public static final String BUILD_DIR = "gateway/target/webui-e2e";

    private static final Map<String, Path> BY_BASE_URL = new ConcurrentHashMap<>();

    private TestSpaBuild() {
    }

    /** The test build of {@code repoRoot}; fails when it is missing, like a missing packaged service. */
    public static Path locate(Path repoRoot) {
        Path dir = repoRoot.resolve(BUILD_DIR);
        if (!Files.isRegularFile(dir.resolve("index.html"))) {
            throw new IllegalStateException(dir.toAbsolutePath().normalize() + " is missing: package the gateway first "
                    + "(./mvnw -B -pl gateway -am package runs `npm run build:e2e`)");
        }
        return dir;
    }

    private static Path repositoryRoot() {
        String configured = System.getProperty("e2e.repoRoot");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("gateway/src/main/webui"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** Serves {@code dir} to the browser contexts of the stack at {@code baseUrl} (E2eStack, infra/chaos). */
    public static void register(String baseUrl, Path dir) {
        BY_BASE_URL.put(baseUrl, dir);
    }

    public static void unregister(String baseUrl) {
        BY_BASE_URL.remove(baseUrl);
    }

    /**
     * The test build for the stack at {@code baseUrl}: the one registered for it ({@link E2eStack}
     * registers a copy, infra/chaos its repository's), else the build in the repository found from
     * {@code -De2e.repoRoot} or the working directory upwards.
     */
    public static Path servedFor(String baseUrl) {
        Path registered = BY_BASE_URL.get(baseUrl);
        return registered != null ? registered : locate(repositoryRoot());
    }

    /**
     * Routes the SPA paths of {@code baseUrl} in {@code context} to the test build ({@link #servedFor}).
     */
    public static void install(BrowserContext context, String baseUrl) {
        Path dir = servedFor(baseUrl);
        // A pattern, not a predicate: Playwright then intercepts only these requests in the
        // browser; a predicate would stop every request (API calls too) for this thread to decide.
        context.route(spaPaths(baseUrl), route -> serve(dir, route));
    }

    /** Every path of {@code baseUrl} but the gateway's own: {@code /api}, {@code /ws}, {@code /q}. */
    static Pattern spaPaths(String baseUrl) {
        // Matched on the browser side as a JavaScript regex: plain syntax only, no Java quoting.
        return Pattern.compile("^" + baseUrl.replace(".", "\\.") + "(?:/(?!(?:api|ws|q)(?:/|$))[^?#]*)?(?:[?#].*)?$");
    }

    private static void serve(Path dir, Route route) {
        if (!"GET".equals(route.request().method())) {
            route.resume();
            return;
        }
        String path = URI.create(route.request().url()).getPath();
        Path file = dir.resolve(path.replaceFirst("^/+", "")).normalize();
        // Like the gateway's SPA routing: a file of the build if there is one, else index.html.
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            file = dir.resolve("index.html");
        }
        route.fulfill(new Route.FulfillOptions().setStatus(200).setPath(file));
    }
}

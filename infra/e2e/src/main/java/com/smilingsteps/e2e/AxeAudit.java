package com.smilingsteps.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;

/**
 * An accessibility audit of what a page shows right now with axe-core (the SPA's npm dev
 * dependency, injected into the page): a serious or critical violation fails the test with the
 * rule, its help text and the elements concerned. Minor and moderate findings are not counted.
 */
public final class AxeAudit {

    /** axe-core as {@code npm ci} leaves it in the SPA's directory. */
    public static final String SCRIPT = "gateway/src/main/webui/node_modules/axe-core/axe.min.js";

    private static final String RUN = """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                             nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' -> ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) }));
            }""";

    private final Path script;

    private AxeAudit(Path script) {
        this.script = script;
    }

    /** Fails (never skips) when axe-core is not installed. */
    public static AxeAudit of(Path repoRoot) {
        Path script = repoRoot.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script.toAbsolutePath().normalize()
                    + " is missing: run `npm ci` in gateway/src/main/webui (the gateway's build does)");
        }
        return new AxeAudit(script);
    }

    /** The serious and critical violations on {@code page} now, as {@code id (impact): help [elements]}. */
    @SuppressWarnings("unchecked")
    public List<String> seriousViolations(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setPath(script));
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate(RUN);
        return violations.stream()
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " " + v.get("nodes"))
                .toList();
    }

    /** Throws an AssertionError naming every serious or critical violation of the {@code screen} shown on {@code page}. */
    public void assertNoSeriousViolations(Page page, String screen) {
        List<String> found = seriousViolations(page);
        if (!found.isEmpty()) {
            throw new AssertionError("axe: " + found.size() + " serious/critical accessibility violation(s) on the "
                    + screen + ":\n  " + String.join("\n  ", found));
        }
    }
}

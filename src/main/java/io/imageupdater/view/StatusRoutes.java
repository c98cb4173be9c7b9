package io.imageupdater.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imageupdater.updater.CycleResult;
import io.imageupdater.updater.DecisionState;
import io.imageupdater.updater.Overview;
import io.imageupdater.updater.Redacted;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The operator view on the HTTP port: {@code GET /} (the status page), {@code GET /api/v1/images} and
 * {@code GET /api/v1/cycles/last}. Read-only; off with {@code --ui-enabled=false}; with {@code --ui-auth-token} each
 * request needs {@code Authorization: Bearer <token>}. The page loads nothing but its own script and style sheet,
 * and says so in its Content-Security-Policy.
 */
@ApplicationScoped
public class StatusRoutes {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(StatusPage page);
    }

    private final Overview overview;
    private final ObjectMapper json;
    private final ViewConfig config;
    private final Access access;
    private final ArgoCdLinks links;
    private final String version = BuildVersion.read();

    public StatusRoutes(Overview overview, ObjectMapper json, ViewConfig config) {
        this.overview = overview;
        this.json = json;
        this.config = config;
        this.access = Access.of(config.uiAuthToken());
        this.links = ArgoCdLinks.of(config.argocdUrl());
    }

    void routes(@Observes Router router) {
        if (!config.uiEnabled()) {
            Log.debug("the status page and the JSON API are off (ui-enabled=false)");
            return;
        }
        if (config.argocdUrl().filter(url -> !url.isBlank()).isPresent()
                && links.base().isEmpty()) {
            Log.warn("argocd-url: not an http(s) URL; the status page links to no Application");
        }
        router.get("/").handler(this::page);
        router.get("/api/v1/images").handler(this::images);
        router.get("/api/v1/cycles/last").handler(this::lastCycle);
    }

    private void page(RoutingContext context) {
        if (!allowed(context, false)) {
            return;
        }
        String html = Templates.page(page()).render();
        secured(context)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .end(html);
    }

    private void images(RoutingContext context) {
        if (!allowed(context, true)) {
            return;
        }
        Optional<CycleResult> last = overview.lastCycle();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "cycleFinishedAt",
                last.map(this::summary).map(CycleSummary::finishedAt).orElse(null));
        body.put("images", entries(last));
        sendJson(context, 200, body);
    }

    private void lastCycle(RoutingContext context) {
        if (!allowed(context, true)) {
            return;
        }
        Optional<CycleResult> last = overview.lastCycle();
        if (last.isEmpty()) {
            sendJson(context, 404, Map.of("error", "no update cycle has completed yet"));
            return;
        }
        sendJson(context, 200, summary(last.get()));
    }

    StatusPage page() {
        Optional<CycleResult> last = overview.lastCycle();
        List<ImageEntry> images = entries(last);
        return new StatusPage(
                version,
                overview.role(),
                last.map(this::summary).orElse(null),
                CycleSummary.text(overview.nextCycle().orElse(null)),
                overview.webhook().orElse(null),
                images,
                overview.registries(),
                List.copyOf(
                        new TreeSet<>(images.stream().map(ImageEntry::namespace).toList())),
                List.of(DecisionState.values()));
    }

    private List<ImageEntry> entries(Optional<CycleResult> last) {
        return last.map(result -> result.rows().stream()
                        .map(row -> ImageEntry.of(row, links))
                        .toList())
                .orElse(List.of());
    }

    private CycleSummary summary(CycleResult result) {
        return CycleSummary.of(
                result, overview.lastCompleted(), overview.nextCycle().orElse(null), Redacted::text);
    }

    private boolean allowed(RoutingContext context, boolean api) {
        if (access.allows(context.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            return true;
        }
        secured(context).setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"image-updater\"");
        if (api) {
            sendJson(context, 401, Map.of("error", "unauthorized: send Authorization: Bearer <ui-auth-token>"));
        } else {
            context.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("unauthorized: send Authorization: Bearer <ui-auth-token>\n");
        }
        return false;
    }

    private void sendJson(RoutingContext context, int status, Object body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            Log.errorf("the status API could not write its answer: %s", e.getOriginalMessage());
            secured(context).setStatusCode(500).end();
            return;
        }
        secured(context)
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(text);
    }

    private static HttpServerResponse secured(RoutingContext context) {
        return context.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Cache-Control", "no-store");
    }
}

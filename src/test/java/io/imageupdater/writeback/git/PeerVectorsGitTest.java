package io.imageupdater.writeback.git;

import static io.imageupdater.testing.PeerVectors.answer;

import io.imageupdater.argocd.ArgoApplication;
import io.imageupdater.argocd.ImageSpec;
import io.imageupdater.image.ImageChange;
import io.imageupdater.image.ImageListEntry;
import io.imageupdater.image.ImageRef;
import io.imageupdater.testing.PeerVectors;
import io.imageupdater.testing.PeerVectors.Case;
import io.imageupdater.writeback.PlannedChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Upstream's vectors on Git write-back: Kustomize overrides and kustomization edits, the {@code .argocd-source}
 * file, Helm values edits, write-back targets, commit messages and branch templates, run against our pure file
 * editors and templates. Upstream's tests use short fake digests ({@code sha12345}); our image references accept
 * only real digests ({@code algorithm:hex}, 32+ characters), so each {@code sha<digits>} is written as the same
 * {@code sha256:<digits repeated to 64>} on both sides: the cases are about where and how the edit lands, not about
 * digest syntax.
 */
class PeerVectorsGitTest {
    /** Upstream's default commit message template (its docs), as a user would configure it. */
    private static final String UPSTREAM_DEFAULT_TEMPLATE = """
            build: automatic update of {{ .AppName }}

            {{ range .AppChanges -}}
            updates image {{ .Image }} tag '{{ .OldTag }}' to '{{ .NewTag }}'
            {{ end -}}
            """;

    private static final Pattern FAKE_DIGEST = Pattern.compile("\\bsha(\\d+)\\b(?!:)");

    static Stream<Arguments> kustomize() {
        return PeerVectors.of(
                "kustomize_override_parse",
                "kustomization_images_filter",
                "kustomization_file_update",
                "argocd_source_kustomize_merge");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    @SuppressWarnings("unchecked")
    void kustomize(Case c) {
        switch (c.category()) {
            case "kustomize_override_parse" -> {
                String text = KustomizationEditor.apply("", List.of(update(c.text("override"))));
                Map<String, Object> entry = ((List<Map<String, Object>>)
                                ((Map<String, Object>) new Yaml().load(text)).get("images"))
                        .getFirst();
                PeerVectors.check(c, new LinkedHashMap<>(entry));
            }
            case "kustomization_images_filter" -> {
                String text = KustomizationEditor.apply(
                        c.text("existingKustomization"), updates(c.in("applicationKustomizeImages")));
                Map<String, Object> ours = answer("yamlEquivalent", new Yaml().load(text));
                check(c, ours, "yamlEquivalent", new Yaml().load(real((String)
                                c.expected().get("yamlEquivalent"))));
            }
            case "kustomization_file_update" -> {
                String before = real(c.text("file"));
                String after = KustomizationEditor.apply(before, updates(c.in("applicationKustomizeImages")));
                Map<String, Object> ours = answer("commit", !after.equals(before), "file", after);
                if (!after.equals(before)) {
                    check(c, ours, "file", real((String) c.expected().get("file")));
                } else {
                    ours.put("skipReason", "no change");
                    PeerVectors.check(c, ours);
                }
            }
            default -> { // argocd_source_kustomize_merge
                List<String> existing = c.in("existingFileImages");
                String file = existing.isEmpty()
                        ? ""
                        : "kustomize:\n  images:\n"
                                + existing.stream().map(e -> "  - " + e + "\n").reduce("", String::concat);
                String after = ArgocdSourceFile.apply(file, SourceKind.KUSTOMIZE, updates(c.in("newImages")));
                List<String> images = new ArrayList<>((List<String>)
                        ((Map<String, Object>) ((Map<String, Object>) new Yaml().load(after)).get("kustomize"))
                                .get("images"));
                List<String> wanted =
                        new ArrayList<>((List<String>) c.expected().get("imagesUnordered"));
                images.sort(null);
                wanted.sort(null);
                check(c, answer("imagesUnordered", images), "imagesUnordered", wanted);
            }
        }
    }

    static Stream<Arguments> sourceAndValuesFiles() {
        return PeerVectors.of("argocd_source_file", "helmvalues_file", "helm_set_value");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    @SuppressWarnings("unchecked")
    void sourceAndValuesFiles(Case c) {
        switch (c.category()) {
            case "argocd_source_file" -> {
                String existing = c.text("existingFile");
                String after;
                if (c.input().containsKey("appKustomizeImages")) {
                    after = ArgocdSourceFile.apply(existing, SourceKind.KUSTOMIZE, updates(c.in("appKustomizeImages")));
                } else {
                    // the tracked image "nginx" (no alias): image.name and image.tag, as the Application holds them
                    List<ImageUpdate> updates = new ArrayList<>();
                    Map<String, String> params = new LinkedHashMap<>();
                    for (Map<String, Object> p :
                            (List<Map<String, Object>>) c.input().get("appHelmParameters")) {
                        params.put(String.valueOf(p.get("name")), String.valueOf(p.get("value")));
                    }
                    if (params.containsKey("image.name") && params.containsKey("image.tag")) {
                        updates.add(ImageUpdate.helm(
                                "nginx",
                                ImageRef.parse(params.get("image.name") + ":" + params.get("image.tag")),
                                "image.name",
                                "image.tag",
                                null));
                    }
                    after = ArgocdSourceFile.apply(existing, SourceKind.HELM, updates);
                }
                PeerVectors.check(c, answer("file", after));
            }
            case "helmvalues_file" -> {
                String text = c.text("existingFile");
                for (Map.Entry<String, Object> p :
                        ((Map<String, Object>) c.input().get("appHelmParameters")).entrySet()) {
                    text = HelmValuesEditor.set(text, ValuePath.parse(p.getKey()), String.valueOf(p.getValue()));
                }
                PeerVectors.check(c, answer("file", text));
            }
            default -> { // helm_set_value
                Map<String, Object> ours = new LinkedHashMap<>();
                try {
                    ours.put(
                            "values",
                            HelmValuesEditor.set(c.text("values"), ValuePath.parse(c.text("key")), c.text("value")));
                } catch (FileEditException e) {
                    ours.put("error", e.getMessage());
                }
                PeerVectors.check(c, ours);
            }
        }
    }

    static Stream<Arguments> targetsAndTemplates() {
        return PeerVectors.of("write_back_target", "commit_message", "branch_template");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    @SuppressWarnings("unchecked")
    void targetsAndTemplates(Case c) {
        switch (c.category()) {
            case "write_back_target" -> {
                WriteBackTarget target = WriteBackTarget.parse(c.text("writeBackTarget"));
                String resolved = target.resolve(c.text("sourcePath"));
                PeerVectors.check(
                        c,
                        target.kind() == WriteBackTarget.Kind.HELM_VALUES
                                ? answer("valuesFile", resolved)
                                : answer("kustomizeBase", resolved));
            }
            case "commit_message" -> {
                String template = c.text("template");
                CommitMessage message = template.equals("<default>")
                        ? CommitMessage.ofTemplate(CommitMessage.DEFAULT_TEMPLATE)
                        : CommitMessage.ofTemplate(template);
                PeerVectors.check(c, answer("message", message.render(List.of(c.text("appName")), changes(c))));
                if (template.equals("<default>")) {
                    // our default differs on purpose (differences.json); upstream's template, given to us, renders
                    // upstream's message
                    org.junit.jupiter.api.Assertions.assertEquals(
                            c.expected().get("message"),
                            CommitMessage.ofTemplate(UPSTREAM_DEFAULT_TEMPLATE)
                                    .render(List.of(c.text("appName")), changes(c)));
                }
            }
            default -> { // branch_template
                String template = c.text("template");
                if (template.startsWith("<any literal")) {
                    String literal = "b".repeat(300);
                    String branch = GitDestination.pushBranch(literal, app(c), List.of());
                    PeerVectors.check(
                            c,
                            answer(
                                    "branchLength",
                                    branch.length(),
                                    "rule",
                                    literal.startsWith(branch) ? "first 255 bytes" : "other"));
                    return;
                }
                PeerVectors.check(c, answer("branch", GitDestination.pushBranch(template, app(c), changes(c))));
            }
        }
    }

    /** Checks with upstream's expected value for {@code key} replaced (fake digests made real). */
    private static void check(Case c, Map<String, Object> ours, String key, Object realExpected) {
        Map<String, Object> expected = new LinkedHashMap<>(c.expected());
        expected.put(key, realExpected);
        PeerVectors.check(new Case(c.id(), c.category(), c.input(), expected), ours);
    }

    private static ArgoApplication app(Case c) {
        String ns = c.text("appNamespace") == null ? "" : c.text("appNamespace");
        String name = c.text("appName") == null ? "" : c.text("appName");
        return new ArgoApplication(ns, name, null, null, null, null, null, List.of(), Optional.empty(), null);
    }

    @SuppressWarnings("unchecked")
    private static List<PlannedChange> changes(Case c) {
        List<PlannedChange> changes = new ArrayList<>();
        for (Map<String, Object> change : (List<Map<String, Object>>) c.input().getOrDefault("changes", List.of())) {
            ImageListEntry entry = ImageListEntry.parse(String.valueOf(change.get("image")));
            ImageRef image = entry.image();
            ImageSpec spec = new ImageSpec(
                    entry.aliasOrName(), entry, null, null, null, false, null, null, null, null, null, null, null);
            changes.add(new PlannedChange(
                    spec,
                    new ImageChange(
                            entry.aliasOrName(),
                            image.withTag(String.valueOf(change.get("old"))),
                            image.withTag(String.valueOf(change.get("new"))))));
        }
        return changes;
    }

    /** Kustomize {@code [orig=]image[:tag][@digest]} entries as updates. */
    private static List<ImageUpdate> updates(List<String> entries) {
        return entries.stream().map(PeerVectorsGitTest::update).toList();
    }

    private static ImageUpdate update(String entry) {
        String text = real(entry);
        int equals = text.indexOf('=');
        String orig = equals < 0 ? null : text.substring(0, equals);
        ImageRef image = ImageRef.parse(equals < 0 ? text : text.substring(equals + 1));
        return ImageUpdate.kustomize(orig == null ? image.nameWithRegistry() : orig, image, orig);
    }

    /** {@code sha12345} as {@code sha256:} and its digits repeated to 64 characters. */
    static String real(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FAKE_DIGEST.matcher(text);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String digits = m.group(1);
            m.appendReplacement(
                    result, "sha256:" + digits.repeat(64 / digits.length() + 1).substring(0, 64));
        }
        m.appendTail(result);
        return result.toString();
    }
}

package io.imageupdater.writeback.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AppProject rules as Argo CD applies them (pkg/apis/application/v1alpha1/app_project_types.go, util/glob). */
class AppProjectRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "none", textBlock = """
            no entries permit nothing           ; ''                                                   ; https://github.com/acme/web     ; false
            * permits all                       ; *                                                    ; https://github.com/acme/web.git ; true
            exact URL                           ; https://github.com/acme/web                          ; https://github.com/acme/web     ; true
            exact URL, .git and case ignored    ; https://GitHub.com/acme/web.git                      ; https://github.com/Acme/web     ; true
            another repository                  ; https://github.com/acme/web                          ; https://github.com/acme/api     ; false
            * stops at /                        ; https://github.com/*                                 ; https://github.com/acme/web     ; false
            * within a segment                  ; https://github.com/acme/*                            ; https://github.com/acme/web     ; true
            ** crosses /                        ; https://github.com/**                                ; https://github.com/acme/web     ; true
            ? is one character                  ; https://github.com/acme/we?                          ; https://github.com/acme/web     ; true
            character class                     ; https://github.com/acme/[a-w]eb                      ; https://github.com/acme/web     ; true
            negated class                       ; https://github.com/acme/[!w]eb                       ; https://github.com/acme/web     ; false
            alternatives                        ; https://github.com/{acme,other}/web                  ; https://github.com/other/web    ; true
            escaped *                           ; https://github.com/acme/\\*                          ; https://github.com/acme/web     ; false
            prefix is not enough                ; https://github.com/acme                              ; https://github.com/acme/web     ; false
            SCP-style SSH matches ssh:// entry  ; ssh://git@github.com/acme/web                        ; git@github.com:acme/web.git     ; true
            SSH glob                            ; git@github.com:acme/*                                ; git@github.com:acme/web.git     ; true
            deny wins over allow                ; https://github.com/acme/* | !https://github.com/acme/web ; https://github.com/acme/web ; false
            deny leaves others allowed          ; https://github.com/acme/* | !https://github.com/acme/web ; https://github.com/acme/api ; true
            deny-only list permits the rest     ; !https://github.com/acme/web                         ; https://github.com/acme/api     ; true
            deny-only list denies its match     ; !https://github.com/acme/*                           ; https://github.com/acme/api     ; false
            deny before allow still denies      ; !https://github.com/acme/web | *                     ; https://github.com/acme/web     ; false
            malformed allow permits nothing     ; https://github.com/acme/[web                         ; https://github.com/acme/[web    ; false
            malformed deny denies               ; * | !https://github.com/{acme                        ; https://github.com/acme/web     ; false
            """)
    void repositories(String name, String entries, String repoUrl, boolean permitted) {
        AppProjectRules rules = new AppProjectRules("p", split(entries), List.of());
        assertEquals(permitted, rules.permitsRepository(repoUrl));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            control-plane namespace always      ; ''                 ; argocd   ; true
            other namespace, no entries         ; ''                 ; team-a   ; false
            listed                              ; team-a             ; team-a   ; true
            not listed                          ; team-a             ; team-b   ; false
            glob (no separators)                ; team-*             ; team-b   ; true
            glob * matches /-free and more      ; *                  ; team-b   ; true
            regular expression                  ; /^team-[ab]$/      ; team-b   ; true
            regular expression not matching     ; /^team-[ab]$/      ; team-c   ; false
            regular expression is unanchored    ; /eam/              ; team-c   ; true
            """)
    void namespaces(String name, String entries, String appNamespace, boolean permitted) {
        AppProjectRules rules = new AppProjectRules("p", List.of("*"), split(entries));
        assertEquals(permitted, rules.permitsNamespace(appNamespace, "argocd"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            https                  ; HTTPS://GitHub.com/Acme/Web.git  ; https://github.com/acme/web
            scp-style ssh          ; git@github.com:acme/web.git      ; git@github.com/acme/web
            ssh URL                ; ssh://git@github.com/acme/web    ; git@github.com/acme/web
            trailing slash is kept ; https://github.com/acme/web/     ; https://github.com/acme/web/
            """)
    void urlsNormalizeAsArgocdNormalizesThem(String name, String url, String normalized) {
        assertEquals(normalized, RepositoryUrl.normalize(url));
    }

    private static List<String> split(String entries) {
        return entries.isBlank()
                ? List.of()
                : Arrays.stream(entries.split("\\|")).map(String::strip).toList();
    }
}

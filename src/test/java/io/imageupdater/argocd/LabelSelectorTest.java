package io.imageupdater.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imageupdater.ImageUpdaterException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
    private static final Map<String, String> LABELS = Map.of("app", "web", "env", "prod", "tier", "front");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                          | true
            app=web                     | true
            app==web                    | true
            app=db                      | false
            app=web,tier!=db            | true
            app=web,tier!=front         | false
            missing!=x                  | true
            env in (prod, staging)      | true
            env in (staging,dev)        | false
            env notin (staging,dev)     | true
            'app=web, env in (a,prod)'  | true
            app                         | true
            !app                        | false
            !legacy                     | true
            legacy                      | false
            """)
    void matchesLabels(String selector, boolean expected) {
        assertEquals(expected, LabelSelector.parse(selector).matches(LABELS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"env in", "a=b=c", "app=(web)"})
    void rejectsInvalidSelectors(String selector) {
        var e = assertThrows(ImageUpdaterException.class, () -> LabelSelector.parse(selector));
        assertEquals(true, e.getMessage().contains(selector), e.getMessage());
    }
}

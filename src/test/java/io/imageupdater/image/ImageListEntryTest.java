package io.imageupdater.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageListEntryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", nullValues = "-", textBlock = """
            plain image                        | nginx                                   | -     | nginx                     | -
            alias                              | web=nginx                               | web   | nginx                     | -
            tilde constraint                   | nginx:~1.2                              | -     | nginx                     | ~1.2
            caret constraint with alias        | web=ghcr.io/acme/web:^1.0               | web   | ghcr.io/acme/web          | ^1.0
            range with comma                   | web=ghcr.io/acme/web:>=1.0, <2          | web   | ghcr.io/acme/web          | >=1.0, <2
            range with space                   | web=127.0.0.1:5000/acme/web:>=1.0 <2    | web   | 127.0.0.1:5000/acme/web   | >=1.0 <2
            port is not a constraint           | 127.0.0.1:5000/acme/web                 | -     | 127.0.0.1:5000/acme/web   | -
            x range                            | nginx:1.25.x                            | -     | nginx                     | 1.25.x
            or                                 | nginx:1.24.x || 1.25.x                  | -     | nginx                     | 1.24.x || 1.25.x
            tag to track for digest            | app=quay.io/org/app:latest              | app   | quay.io/org/app           | latest
            equals sign inside the constraint  | ghcr.io/acme/web:=1.0                   | -     | ghcr.io/acme/web          | =1.0
            alias with dots and dashes         | my-app.v2=nginx:1.x                     | my-app.v2 | nginx                 | 1.x
            """)
    void parses(String name, String text, String alias, String image, String constraint) {
        ImageListEntry entry = ImageListEntry.parse(text);

        assertEquals(alias, entry.alias());
        assertEquals(image, entry.image().toString());
        assertEquals(constraint, entry.constraint());
        assertEquals(text, entry.toString(), "formatting round-trips");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                  | ' '                            | empty
            digest in the list     | nginx@sha256:abc               | not a digest
            colon without anything | nginx:                         | nothing follows
            bad name               | web=Acme/Web:1.0               | repository component "Acme"
            """)
    void rejects(String name, String text, String problem) {
        InvalidImageReferenceException error =
                assertThrows(InvalidImageReferenceException.class, () -> ImageListEntry.parse(text));

        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }
}

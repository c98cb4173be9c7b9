package io.imageupdater.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            one-component name is Docker Hub library      | nginx                                  | docker.io        | library/nginx     | -       | -
            two components stay on Docker Hub             | bitnami/redis:7.2                      | docker.io        | bitnami/redis     | 7.2     | -
            explicit docker.io keeps library              | docker.io/library/nginx:1.25           | docker.io        | library/nginx     | 1.25    | -
            host with a dot                               | ghcr.io/acme/web:v1.0.0                | ghcr.io          | acme/web          | v1.0.0  | -
            host with a port                              | 127.0.0.1:5000/acme/web:1.2.3          | 127.0.0.1:5000   | acme/web          | 1.2.3   | -
            localhost                                     | localhost/web                          | localhost        | web               | -       | -
            localhost with a port                         | localhost:5000/web:latest              | localhost:5000   | web               | latest  | -
            first component without dot is a path        | acme/team/web:1                        | docker.io        | acme/team/web     | 1       | -
            deep path on a registry                       | quay.io/org/team/app:2.0               | quay.io          | org/team/app      | 2.0     | -
            digest only                                   | nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | docker.io | library/nginx | - | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            tag and digest                                | ghcr.io/a/b:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | ghcr.io | a/b | 1.0 | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            index.docker.io means Docker Hub              | index.docker.io/nginx:1                | docker.io        | library/nginx     | 1       | -
            """)
    void parses(String name, String text, String host, String repository, String tag, String digest) {
        ImageRef ref = ImageRef.parse(text);

        assertEquals(host, ImageRef.canonicalHost(ref.registryHost()));
        assertEquals(repository, ref.repository());
        assertEquals(tag, ref.tag());
        assertEquals(digest, ref.digest());
        assertEquals(text, ref.toString(), "formatting round-trips");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                         | ''                    | empty
            upper-case repository         | acme/Web              | repository component "Web"
            white space                   | acme/web :1           | white space
            empty path component          | ghcr.io//web          | repository component ""
            bad tag                       | acme/web:-1           | tag "-1"
            bad digest                    | acme/web@sha256:xyz   | digest "sha256:xyz"
            only a registry               | ghcr.io/              | repository name is empty
            """)
    void rejects(String name, String text, String problem) {
        InvalidImageReferenceException error =
                assertThrows(InvalidImageReferenceException.class, () -> ImageRef.parse(text));

        assertTrue(error.getMessage().contains(problem), error.getMessage());
        if (!text.isEmpty()) {
            assertTrue(error.getMessage().contains(text), "names the text: " + error.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', textBlock = """
            nginx                        | docker.io/library/nginx:1.0        | true
            nginx                        | registry-1.docker.io/library/nginx | true
            bitnami/redis                | docker.io/bitnami/redis            | true
            127.0.0.1:5000/acme/web      | 127.0.0.1:5000/acme/web:2          | true
            127.0.0.1:5000/acme/web      | 127.0.0.1:5001/acme/web            | false
            ghcr.io/acme/web             | ghcr.io/acme/api                   | false
            """)
    void comparesRepositories(String a, String b, boolean same) {
        assertEquals(same, ImageRef.parse(a).sameRepository(ImageRef.parse(b)));
    }

    @org.junit.jupiter.api.Test
    void withTagKeepsTheWrittenName() {
        ImageRef ref = ImageRef.parse("127.0.0.1:5000/acme/web:1.0");

        assertEquals("127.0.0.1:5000/acme/web:2.0", ref.withTag("2.0").toString());
        assertEquals("127.0.0.1:5000/acme/web", ref.nameWithRegistry());
        assertFalse(ref.withoutVersion().toString().contains(":1.0"));
    }
}

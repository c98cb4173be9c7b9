package io.imageupdater.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imageupdater.credentials.CredentialRef.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialRefTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "env                   | env:PULL_CREDS                   | -                  | ENV         | -      | PULL_CREDS | -",
                "env for registry      | ghcr.io=env:GHCR                 | ghcr.io            | ENV         | -      | GHCR       | -",
                "env for host:port     | 127.0.0.1:5000=env:LOCAL         | 127.0.0.1:5000     | ENV         | -      | LOCAL      | -",
                "pull secret           | pullsecret:argocd/regcred        | -                  | PULL_SECRET | argocd | regcred    | -",
                "secret field          | secret:argocd/ghcr#token         | -                  | SECRET      | argocd | ghcr       | token",
                "secret for registry   | quay.io=secret:ns/creds#.dockercfg | quay.io          | SECRET      | ns     | creds      | .dockercfg",
                "external script       | ext:/scripts/ecr-login.sh        | -                  | EXT         | -      | /scripts/ecr-login.sh | -",
                "aws ecr               | aws:ecr                          | -                  | AWS         | -      | ecr        | -",
                "aws ecr with role     | aws:ecr?role=arn:aws:iam::123456789012:role/ecr-reader | - | AWS | - | ecr | arn:aws:iam::123456789012:role/ecr-reader",
                "aws ecr china role    | aws:ecr?role=arn:aws-cn:iam::123456789012:role/path/r | - | AWS | - | ecr | arn:aws-cn:iam::123456789012:role/path/r",
                "gcp artifact registry | gcp:artifact-registry            | -                  | GCP         | -      | artifact-registry | -",
                "azure acr             | azure:acr                        | -                  | AZURE       | -      | acr        | -",
                "auto                  | auto                             | -                  | AUTO        | -      | ''         | -",
                "auto for registry     | myreg.azurecr.io=auto            | myreg.azurecr.io   | AUTO        | -      | ''         | -",
            })
    void parsesAndRoundTrips(
            String row, String text, String registry, Source source, String namespace, String name, String field) {
        CredentialRef ref = CredentialRef.parse(text);
        assertEquals(new CredentialRef(registry, source, namespace, name, field), ref);
        assertEquals(text, ref.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown source        | vault:foo/bar",
                "empty env var         | env:",
                "env var with dash     | env:MY-VAR",
                "pull secret no ns     | pullsecret:regcred",
                "pull secret extra     | pullsecret:a/b/c",
                "secret without field  | secret:argocd/ghcr",
                "secret empty field    | secret:argocd/ghcr#",
                "relative script       | ext:scripts/login.sh",
                "registry but nothing  | ghcr.io=",
                "blank                 | '  '",
                "aws other service     | aws:s3",
                "aws role not an arn   | aws:ecr?role=admin",
                "aws unknown parameter | aws:ecr?region=us-east-1",
                "gcp other service     | gcp:gcr",
                "azure other service   | azure:keyvault",
                "auto with suffix      | automatic",
            })
    void malformedReferenceIsRejectedNamingIt(String row, String text) {
        InvalidCredentialReferenceException e =
                assertThrows(InvalidCredentialReferenceException.class, () -> CredentialRef.parse(text));
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}

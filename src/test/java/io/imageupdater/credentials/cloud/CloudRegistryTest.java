package io.imageupdater.credentials.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudRegistryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "-",
            value = {
                "123456789012.dkr.ecr.us-east-1.amazonaws.com, AWS, 123456789012, us-east-1, false",
                "https://123456789012.dkr.ecr.eu-west-3.amazonaws.com, AWS, 123456789012, eu-west-3, false",
                "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn, AWS, 123456789012, cn-north-1, false",
                "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com, AWS, 123456789012, us-gov-west-1, true",
                "123456789012.dkr-ecr.us-west-2.on.aws, AWS, 123456789012, us-west-2, false",
                "europe-west1-docker.pkg.dev, GCP, -, -, false",
                "gcr.io, GCP, -, -, false",
                "eu.gcr.io/project/app, GCP, -, -, false",
                "myregistry.azurecr.io, AZURE, -, -, false",
                "myregistry.azurecr.cn, AZURE, -, -, false",
            })
    void recognisesEachCloudsRegistryHosts(String name, Cloud cloud, String account, String region, boolean fips) {
        CloudRegistry registry = CloudRegistry.of(name).orElseThrow();
        assertEquals(cloud, registry.cloud());
        assertEquals(account, registry.account());
        assertEquals(region, registry.region());
        assertEquals(fips, registry.fips());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ghcr.io",
        "registry-1.docker.io",
        "12345.dkr.ecr.us-east-1.amazonaws.com",
        "123456789012.dkr.ecr.us-east-1.example.com",
        "azurecr.io",
        "127.0.0.1:5000"
    })
    void otherHostsAreNoCloudsRegistry(String name) {
        assertEquals(Optional.empty(), CloudRegistry.of(name));
    }
}

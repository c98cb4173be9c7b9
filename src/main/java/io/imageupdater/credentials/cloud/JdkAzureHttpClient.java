package io.imageupdater.credentials.cloud;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Azure Identity's HTTP client on the JDK's {@link java.net.http.HttpClient}, so that neither Netty nor OkHttp is
 * needed, and with the TLS trust of {@link CloudSettings#sslContext()}. Bodies are small (token responses) and
 * buffered.
 */
final class JdkAzureHttpClient implements HttpClient {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient http;

    JdkAzureHttpClient(SSLContext sslContext) {
        var builder = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.fromCallable(() -> sendSync(request, Context.NONE));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        BinaryData body = request.getBodyAsBinaryData();
        byte[] bytes = body == null ? new byte[0] : body.toBytes();
        java.net.http.HttpRequest.Builder builder;
        try {
            builder = java.net.http.HttpRequest.newBuilder(request.getUrl().toURI())
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            request.getHttpMethod().name(),
                            bytes.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(bytes));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL for an Azure request", e);
        }
        request.getHeaders().forEach(header -> {
            if (!RESTRICTED.contains(header.getName().toLowerCase(java.util.Locale.ROOT))) {
                for (String value : header.getValues()) {
                    builder.header(header.getName(), value);
                }
            }
        });
        try {
            java.net.http.HttpResponse<byte[]> response = http.send(builder.build(), BodyHandlers.ofByteArray());
            return new Buffered(
                    request, response.statusCode(), headers(response.headers().map()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during an Azure request", e);
        }
    }

    private static HttpHeaders headers(Map<String, List<String>> map) {
        HttpHeaders headers = new HttpHeaders();
        map.forEach((name, values) -> {
            if (!name.startsWith(":")) {
                headers.set(name, values);
            }
        });
        return headers;
    }

    private static final class Buffered extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;
        private final byte[] body;

        Buffered(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
            super(request);
            this.status = status;
            this.headers = headers;
            this.body = body == null ? new byte[0] : body;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public String getHeaderValue(String name) {
            return headers.getValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }

        @Override
        public BinaryData getBodyAsBinaryData() {
            return BinaryData.fromBytes(body);
        }

        @Override
        public HttpResponse buffer() {
            return this;
        }
    }
}

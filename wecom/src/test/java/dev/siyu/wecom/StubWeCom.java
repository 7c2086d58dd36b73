package dev.siyu.wecom;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for WeCom's API on loopback (JDK HttpServer): answers gettoken and records every POST.
 * In this module's test jar, for the Spring Boot sample's tests too.
 */
public final class StubWeCom implements AutoCloseable {
    /** One POST as it came. */
    public record Request(String path, String query, String body) { }

    private final HttpServer server;
    public final List<Request> posts = new CopyOnWriteArrayList<>();
    public final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    public StubWeCom() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cgi-bin/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String answer;
            if (path.equals("/cgi-bin/gettoken")) {
                tokenRequests.add(query);
                answer = "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"STUB_TOKEN\",\"expires_in\":7200}";
            } else {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                posts.add(new Request(path, query, body));
                answer = answers.getOrDefault(path, "{\"errcode\":0,\"errmsg\":\"ok\"}");
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** What the stub answers on a path from now on. */
    public void answer(String path, String json) {
        answers.put(path, json);
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public List<Request> postsTo(String path) {
        return posts.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

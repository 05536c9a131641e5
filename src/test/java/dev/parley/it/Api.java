package dev.parley.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A small HTTP client for black-box tests of the deployed WAR. Always talks to 127.0.0.1 (whatever
 * host name the container reports) with the port and context root Arquillian gives.
 */
public final class Api {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private static volatile URI base;

  private Api() {}

  /** Remembers the deployment's base URL, rewritten to loopback. */
  public static void bind(URL deployed) {
    String path = deployed.getPath().endsWith("/") ? deployed.getPath() : deployed.getPath() + "/";
    base = URI.create("http://127.0.0.1:" + deployed.getPort() + path);
  }

  public static boolean isBound() {
    return base != null;
  }

  public static URI uri(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public static HttpClient client() {
    return CLIENT;
  }

  public static HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  public static Reply get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  public static Reply delete(String path, String token) {
    return send(request(path, token).DELETE().build());
  }

  public static Reply post(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public static Reply put(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public static Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A finished response with helpers for JSON bodies. */
  public record Reply(HttpResponse<String> response) {

    public int status() {
      return response.statusCode();
    }

    public String body() {
      return response.body();
    }

    public Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    public JsonObject json() {
      return (JsonObject) parse(body());
    }

    public JsonArray jsonArray() {
      return (JsonArray) parse(body());
    }

    public String detail() {
      return json().getString("detail");
    }

    @Override
    public String toString() {
      return status() + " " + body();
    }
  }

  public static JsonStructure parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.read();
    }
  }
}
